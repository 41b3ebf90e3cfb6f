import { Table, Tag, Typography } from 'antd';
import { reviewApi, type Reviewer } from '../../api/review.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';

/** 审核人员 (S-11): qualification, training and workload of the agency's reviewers. */
export function ReviewersPage() {
  const list = useRequest(() => reviewApi.reviewers(), []);
  return (
    <>
      <PageHeader title="法制审核人员" />
      <Typography.Paragraph type="secondary">
        初次从事法制审核的人员，应当取得法律职业资格（行政处罚法 §58）。
      </Typography.Paragraph>
      <LoadError error={list.error} retry={list.reload} />
      <Table<Reviewer>
        rowKey="personId"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '所在机构', dataIndex: 'unitName', width: 120 },
          {
            title: '资格',
            dataIndex: 'qualifications',
            render: (q: Reviewer['qualifications']) =>
              q.length
                ? q.map((x) => <Tag key={x.certificateNumber}>{`${x.label} ${x.certificateNumber}`}</Tag>)
                : '未登记',
          },
          {
            title: '培训',
            dataIndex: 'trainings',
            render: (t: Reviewer['trainings'], r) =>
              t.length
                ? `${t.length} 次，共 ${r.trainingHours} 学时（最近：${t[0]?.title ?? ''} ${t[0]?.heldOn ?? ''}）`
                : '无',
          },
          { title: '已审', dataIndex: 'completedReviews', width: 70 },
          { title: '在办', dataIndex: 'openReviews', width: 70 },
          {
            title: '可承办审核',
            dataIndex: 'mayReview',
            width: 110,
            render: (ok: boolean) =>
              ok ? <Tag color="green">可以</Tag> : <Tag color="orange">须先登记资格</Tag>,
          },
        ]}
      />
    </>
  );
}
