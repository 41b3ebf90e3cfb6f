import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import type { PublicationSummary } from '../../../../src/publicity/publications.schema.ts';
import { download } from '../../api/client.ts';
import { publicationsApi, type PublicationFilters } from '../../api/publications.ts';
import { dayOf, isoDate } from '../../ui/dates.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters, useUrlParam } from '../../ui/use-url-filters.ts';
import { PublicationActionModal, type PublicationAction } from './publication-action.modal.tsx';
import { PublicationCreateModal } from './publication-create.modal.tsx';
import { PublicationDetailDrawer } from './publication-detail.drawer.tsx';
import { kindLabel, kindOptions, PublicationStatusTag, statusOptions } from './publication-labels.tsx';

const filterKeys = ['q', 'kind', 'status', 'decidedFrom', 'decidedTo'] as const;

export interface PublicationListProps {
  title: string;
  intro?: ReactNode;
  fixed?: Partial<PublicationFilters>;
  columns: TableColumnsType<PublicationSummary>;
  /** Offer 新建公示草稿 (drafts page). */
  creatable?: boolean;
}

/** A list of publications with search, filters, Excel export of the same list, and the detail drawer. */
export function PublicationList(props: PublicationListProps) {
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(filterKeys);
  const [openId, showPublication] = useUrlParam('publication');
  const [dialog, setDialog] = useState<{ p: PublicationSummary; action: PublicationAction } | null>(null);
  const [creating, setCreating] = useState(false);
  const [version, setVersion] = useState(0);
  const query: PublicationFilters = { ...(filters as PublicationFilters), ...props.fixed };
  const list = useRequest(
    () => publicationsApi.list({ ...query, page, pageSize }),
    [JSON.stringify(query), page, pageSize, version],
  );

  const columns: TableColumnsType<PublicationSummary> = [
    {
      title: '决定文号',
      dataIndex: 'documentNumber',
      render: (n: string, p) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => showPublication(p.id)}>
          {n}
        </Button>
      ),
    },
    { title: '标题', dataIndex: 'title', ellipsis: true },
    { title: '当事人', dataIndex: 'partyName', width: 160 },
    { title: '类别', dataIndex: 'kind', width: 96, render: (k: string) => <Tag>{kindLabel(k)}</Tag> },
    { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
    ...props.columns,
    {
      title: '状态',
      dataIndex: 'shownStatus',
      width: 96,
      render: (s: string) => <PublicationStatusTag status={s} />,
    },
  ];

  const saved = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };

  return (
    <>
      <PageHeader
        title={props.title}
        extra={
          <>
            {props.creatable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建公示草稿
              </Button>
            )}
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(publicationsApi.export, query, `${props.title}.xlsx`)}
            >
              导出 Excel
            </Button>
          </>
        }
      />
      {props.intro}
      <Flex gap={8} wrap style={{ marginBottom: 16 }} role="search">
        <Input.Search
          aria-label="当事人、文号、标题或统一社会信用代码"
          placeholder="当事人、文号、标题或信用代码"
          allowClear
          defaultValue={filters.q}
          maxLength={200}
          style={{ width: 280 }}
          onSearch={(q) => setFilters({ ...filters, q })}
        />
        <Select
          aria-label="类别"
          placeholder="全部类别"
          allowClear
          style={{ width: 140 }}
          value={filters.kind}
          options={kindOptions}
          onChange={(kind?: string) => setFilters({ ...filters, kind })}
        />
        {!props.fixed?.status && (
          <Select
            aria-label="状态"
            placeholder="全部状态"
            allowClear
            style={{ width: 130 }}
            value={filters.status}
            options={statusOptions}
            onChange={(status?: string) => setFilters({ ...filters, status })}
          />
        )}
        <DatePicker.RangePicker
          aria-label="决定日期"
          placeholder={['决定日期起', '决定日期止']}
          value={[dayOf(filters.decidedFrom) ?? null, dayOf(filters.decidedTo) ?? null]}
          onChange={(range) =>
            setFilters({ ...filters, decidedFrom: isoDate(range?.[0]), decidedTo: isoDate(range?.[1]) })
          }
        />
      </Flex>
      <LoadError error={list.error} retry={list.reload} />
      <Table<PublicationSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条`,
          onChange: setPage,
        }}
      />
      {openId && (
        <PublicationDetailDrawer
          publicationId={openId}
          version={version}
          onAction={(p, action) => setDialog({ p, action })}
          onChanged={() => setVersion((v) => v + 1)}
          onClose={() => showPublication(undefined)}
        />
      )}
      {creating && (
        <PublicationCreateModal
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            setVersion((v) => v + 1);
            showPublication(id);
          }}
        />
      )}
      {dialog && (
        <PublicationActionModal
          publication={dialog.p}
          action={dialog.action}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
    </>
  );
}
