import { DownloadOutlined } from '@ant-design/icons';
import { Button, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Certificate } from '../../../../src/org/org.schema.ts';
import { download } from '../../api/client.ts';
import { orgApi, type CertificateAction, type CertificateFilters as Filters } from '../../api/org.ts';
import { CertificateStatusTag, fieldNames } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters, useUrlParam } from '../../ui/use-url-filters.ts';
import { CertificateChangeModal } from './certificate-change.modal.tsx';
import { CertificateDetailDrawer } from './certificate-detail.drawer.tsx';
import { CertificateEditModal } from './certificate-edit.modal.tsx';
import { CertificateFilters } from './certificate-filters.tsx';
import { useAgencies } from './use-agencies.ts';

const filterKeys = ['agencyId', 'status', 'field', 'q'] as const;

type Dialog = { certificate: Certificate; action: CertificateAction | 'edit' } | null;

/** 执法证: every certificate of the agency; `?certificate=<id>` opens one with its history. */
export function CertificatesPage() {
  const { agencies } = useAgencies();
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(filterKeys);
  const [openCertificate, showCertificate] = useUrlParam('certificate');
  const query = filters as Filters;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const list = useRequest(
    () => orgApi.certificates({ ...query, page, pageSize }),
    [JSON.stringify(query), page, pageSize, version],
  );

  const columns: TableColumnsType<Certificate> = [
    {
      title: '执法证号',
      dataIndex: 'number',
      render: (number: string, c) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => showCertificate(c.id)}>
          {number}
        </Button>
      ),
    },
    { title: '持证人', dataIndex: 'personName' },
    { title: '内设机构', dataIndex: 'unitName', render: (unit: string | null) => unit ?? '—' },
    { title: '执法领域', dataIndex: 'fields', render: (fields: string[]) => fieldNames(fields) },
    { title: '发证机关', dataIndex: 'issuer' },
    { title: '有效期', key: 'validity', render: (_, c) => `${c.validFrom} 至 ${c.validTo}` },
    {
      title: '状态',
      dataIndex: 'displayStatus',
      render: (status: string) => <CertificateStatusTag status={status} />,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => showCertificate(c.id)}>
          详情
        </Button>
      ),
    },
  ];

  const saved = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };

  return (
    <>
      <PageHeader
        title="执法证"
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(orgApi.certificatesExport, query, '执法证.xlsx')}
          >
            导出 Excel
          </Button>
        }
      />
      <CertificateFilters value={filters} agencies={agencies} onChange={(next) => setFilters(next)} />
      <LoadError error={list.error} retry={list.reload} />
      <Table<Certificate>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个`,
          onChange: setPage,
        }}
      />
      {openCertificate && (
        <CertificateDetailDrawer
          certificateId={openCertificate}
          version={version}
          onAction={(certificate, action) => setDialog({ certificate, action })}
          onClose={() => showCertificate(undefined)}
        />
      )}
      {dialog &&
        (dialog.action === 'edit' ? (
          <CertificateEditModal
            certificate={dialog.certificate}
            onClose={() => setDialog(null)}
            onSaved={saved}
          />
        ) : (
          <CertificateChangeModal
            certificate={dialog.certificate}
            action={dialog.action}
            onClose={() => setDialog(null)}
            onSaved={saved}
          />
        ))}
    </>
  );
}
