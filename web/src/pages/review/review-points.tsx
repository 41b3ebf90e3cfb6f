import { Card, Table, Tag, Typography } from 'antd';
import { type ReviewDetail, type ReviewReference } from '../../api/review.ts';
import { useSession } from '../../auth/session-context.ts';
import { ConclusionForm } from './review-conclusion.tsx';
import { findingLabel } from './review-labels.tsx';

/** The reviewer's seven points (S-13) and the conclusion that issues the review opinion. */

export function PointsCard(props: { review: ReviewDetail; reference: ReviewReference; onDone: () => void }) {
  const { review, reference } = props;
  const { me } = useSession();
  if (review.findings.length > 0) {
    return (
      <Card size="small" title={`审核要点与结论：${review.resultLabel ?? ''}`}>
        <Table
          rowKey="point"
          size="small"
          pagination={false}
          dataSource={review.findings}
          columns={[
            { title: '审核要点', dataIndex: 'pointLabel' },
            {
              title: '结果',
              dataIndex: 'finding',
              width: 96,
              render: (f: string, row) => (
                <Tag color={f === 'problem' ? 'red' : f === 'satisfied' ? 'green' : 'default'}>
                  {findingLabel(row.point, f, reference)}
                </Tag>
              ),
            },
            { title: '意见', dataIndex: 'note' },
          ]}
        />
        {review.opinion && (
          <Typography.Paragraph style={{ marginTop: 12 }}>审核意见：{review.opinion}</Typography.Paragraph>
        )}
        {review.opinionDocument && (
          <Typography.Text type="secondary">法制审核意见书：{review.opinionDocument.number}</Typography.Text>
        )}
      </Card>
    );
  }
  if (review.status === 'in_review' && me?.personId === review.reviewerId)
    return <ConclusionForm {...props} />;
  return (
    <Card size="small" title="审核要点">
      <Typography.Text type="secondary">
        {review.reviewerName ? `由 ${review.reviewerName} 审核中` : '尚未分配审核人员'}
      </Typography.Text>
    </Card>
  );
}
