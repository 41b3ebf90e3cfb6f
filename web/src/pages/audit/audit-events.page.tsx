import { DownloadOutlined } from '@ant-design/icons';
import { Button, Form, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { changeLabel, eventKindLabel, subjectTypeLabels, viaLabels } from '../../../../src/labels.ts';
import { auditApi, type AuditEvent, type AuditFilters as Filters } from '../../api/audit.ts';
import { download } from '../../api/client.ts';
import { orgApi } from '../../api/org.ts';
import { useSession } from '../../auth/session-context.ts';
import { LogIndexCell } from '../../log/log-index-cell.tsx';
import { formatInstant } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters } from '../../ui/use-url-filters.ts';
import { AgencySelect } from '../org/agency-select.tsx';
import { useAgencies } from '../org/use-agencies.ts';
import { AuditFilters, auditFilterKeys } from './audit-filters.tsx';

const columns: TableColumnsType<AuditEvent> = [
  { title: '序号', dataIndex: 'seq', width: 80 },
  { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => formatInstant(at) },
  { title: '事件', dataIndex: 'kind', render: (kind: string) => eventKindLabel(kind) },
  { title: '操作人', dataIndex: 'actorName', render: (name: string | null) => name ?? '—' },
  { title: '途径', dataIndex: 'via', render: (via: string) => labelOf(viaLabels, via) },
  { title: 'IP 地址', dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
  {
    title: '对象',
    key: 'subject',
    render: (_, e) => (
      <>
        {labelOf(subjectTypeLabels, e.subjectType)}{' '}
        {e.subjectName ??
          (e.subjectId && (
            <Typography.Text type="secondary" copyable={{ text: e.subjectId }} title="对象编号">
              {e.subjectId.slice(-8)}
            </Typography.Text>
          ))}
      </>
    ),
  },
  {
    title: '变更字段',
    dataIndex: 'changes',
    render: (changes: string[]) => changes.map((c) => <Tag key={c}>{changeLabel(c)}</Tag>),
  },
  {
    title: '记录日志',
    dataIndex: 'logIndex',
    width: 130,
    render: (index: number | null) => <LogIndexCell index={index} />,
  },
];

/**
 * 审计日志: every sign-in and change, newest first, filtered by China dates, event, actor and subject, and
 * exported to Excel as filtered; what changed is named, never its value.
 */
export function AuditEventsPage() {
  const { me } = useSession();
  const { agencies } = useAgencies();
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(auditFilterKeys);
  const query: Filters = filters;
  const agencyId = query.agencyId ?? me?.agency.id;
  const people = useRequest(
    async () => (agencyId ? (await orgApi.people({ agencyId, page: 1, pageSize: 200 })).items : []),
    [agencyId],
  );
  const actorOptions = useMemo(
    () => (people.data ?? []).map((p) => ({ value: p.id, label: p.name })),
    [people.data],
  );
  const list = useRequest(
    () => auditApi.events({ ...query, page, pageSize }),
    [JSON.stringify(query), page, pageSize],
  );

  return (
    <>
      <PageHeader
        title="审计日志"
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(auditApi.export, query, '审计日志.xlsx')}
          >
            导出 Excel
          </Button>
        }
      />
      {agencies.length > 1 && (
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label="机关" htmlFor="audit-agency">
            <AgencySelect
              id="audit-agency"
              agencies={agencies}
              value={query.agencyId}
              onChange={(next) => setFilters({ agencyId: next })}
            />
          </Form.Item>
        </Form>
      )}
      <AuditFilters value={query} actorOptions={actorOptions} onChange={(next) => setFilters(next)} />
      <LoadError error={list.error} retry={list.reload} />
      <Table<AuditEvent>
        rowKey="seq"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条`,
          onChange: setPage,
        }}
      />
    </>
  );
}
