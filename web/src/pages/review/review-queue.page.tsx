import { Button, Flex, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { reviewApi, type ReviewSummary } from '../../api/review.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { useUrlFilters, useUrlParam } from '../../ui/use-url-filters.ts';
import { ReviewStatusTag } from './review-labels.tsx';
import { ReviewDrawer } from './review.drawer.tsx';

const filterKeys = ['status', 'overdue'] as const;

/**
 * 审核队列: the reviews of the agency by due date, open ones first to hand; a click opens the review with
 * its package beside the automatic pre-checks and the seven points (review.drawer.tsx).
 */
export function ReviewQueuePage() {
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(filterKeys);
  const [openId, showReview] = useUrlParam('review');
  const reference = useRequest(() => reviewApi.reference(), []);
  const list = useRequest(
    () => reviewApi.list({ ...filters, page, pageSize }),
    [JSON.stringify(filters), page, pageSize],
  );
  const statuses = reference.data?.statuses ?? {};

  const columns: TableColumnsType<ReviewSummary> = [
    {
      title: '案件编号',
      dataIndex: 'caseNumber',
      render: (n: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => showReview(r.id)}>
          {n}
        </Button>
      ),
    },
    { title: '案由', dataIndex: 'caseTitle', ellipsis: true },
    { title: '轮次', dataIndex: 'round', width: 64 },
    { title: '送审人', dataIndex: 'submittedByName', width: 96 },
    { title: '审核人员', dataIndex: 'reviewerName', width: 96, render: (n: string | null) => n ?? '未分配' },
    {
      title: '审核期限',
      dataIndex: 'dueOn',
      width: 130,
      render: (d: string, r) => (
        <Space size={4}>
          <span>{d}</span>
          {r.overdue && <Tag color="red">逾期</Tag>}
          {r.extended && <Tag>已延长</Tag>}
        </Space>
      ),
    },
    {
      title: '预审',
      dataIndex: 'prechecksFailed',
      width: 96,
      render: (n: number) => (n > 0 ? <Tag color="red">{n} 项不通过</Tag> : <Tag color="green">通过</Tag>),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: string, r) => <ReviewStatusTag status={s} label={r.statusLabel} />,
    },
  ];

  return (
    <>
      <PageHeader title="法制审核队列" />
      <Typography.Paragraph type="secondary">
        重大执法决定未经法制审核或审核未通过的，不得作出决定（行政处罚法 §58）。审核期限 7
        个工作日，经批准可延长 3 个工作日。
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }} role="search">
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 160 }}
          value={filters.status}
          options={Object.entries(statuses).map(([value, label]) => ({ value, label }))}
          onChange={(status?: string) => setFilters({ ...filters, status })}
        />
        <Select
          allowClear
          placeholder="是否逾期"
          style={{ width: 140 }}
          value={filters.overdue}
          options={[{ value: 'true', label: '仅看逾期' }]}
          onChange={(overdue?: string) => setFilters({ ...filters, overdue })}
        />
      </Flex>
      <LoadError error={list.error} retry={list.reload} />
      <Table<ReviewSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 件`,
          onChange: setPage,
        }}
        scroll={{ x: 900 }}
      />
      {openId && reference.data && (
        <ReviewDrawer
          id={openId}
          reference={reference.data}
          onClose={() => showReview(undefined)}
          onChanged={list.reload}
        />
      )}
    </>
  );
}
