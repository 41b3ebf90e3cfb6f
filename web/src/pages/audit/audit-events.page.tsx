import { Form, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { auditApi, type AuditEvent } from '../../api/audit.ts';
import { LogIndexCell } from '../../log/log-index-cell.tsx';
import { changeLabel } from '../../ui/change-labels.ts';
import { formatInstant } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters } from '../../ui/use-url-filters.ts';
import { AgencySelect } from '../org/agency-select.tsx';
import { useAgencies } from '../org/use-agencies.ts';
import { auditKindLabels, subjectTypeLabels, viaLabels } from './audit.labels.ts';

const filterKeys = ['agencyId'] as const;

const columns: TableColumnsType<AuditEvent> = [
  { title: '序号', dataIndex: 'seq', width: 80 },
  { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => formatInstant(at) },
  {
    title: '事件',
    dataIndex: 'kind',
    render: (kind: string) => <span title={kind}>{labelOf(auditKindLabels, kind)}</span>,
  },
  { title: '操作人', dataIndex: 'actorName', render: (name: string | null) => name ?? '—' },
  { title: '途径', dataIndex: 'via', render: (via: string) => labelOf(viaLabels, via) },
  { title: 'IP 地址', dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
  {
    title: '对象',
    key: 'subject',
    render: (_, e) => (
      <>
        {labelOf(subjectTypeLabels, e.subjectType)}{' '}
        {e.subjectId && (
          <Typography.Text type="secondary" copyable={{ text: e.subjectId }} title={e.subjectId}>
            {e.subjectId.slice(-8)}
          </Typography.Text>
        )}
      </>
    ),
  },
  {
    title: '变更字段',
    dataIndex: 'changes',
    render: (changes: string[]) =>
      changes.map((c) => (
        <Tag key={c} title={c}>
          {changeLabel(c)}
        </Tag>
      )),
  },
  {
    title: '记录日志',
    dataIndex: 'logIndex',
    width: 130,
    render: (index: number | null) => <LogIndexCell index={index} />,
  },
];

/** 审计日志: every sign-in and change, newest first; what changed is named, never its value. */
export function AuditEventsPage() {
  const { agencies } = useAgencies();
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(filterKeys);
  const list = useRequest(
    () => auditApi.events({ ...filters, page, pageSize }),
    [filters.agencyId, page, pageSize],
  );

  return (
    <>
      <PageHeader title="审计日志" />
      {agencies.length > 1 && (
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label="机关" htmlFor="audit-agency">
            <AgencySelect
              id="audit-agency"
              agencies={agencies}
              value={filters.agencyId}
              onChange={(agencyId) => setFilters({ agencyId })}
            />
          </Form.Item>
        </Form>
      )}
      <LoadError error={list.error} retry={list.reload} />
      <Table<AuditEvent>
        rowKey="seq"
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
    </>
  );
}
