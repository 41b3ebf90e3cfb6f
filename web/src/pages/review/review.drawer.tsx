import { Alert, Card, Col, Drawer, Flex, Row, Table } from 'antd';
import { useState } from 'react';
import { reviewApi, type ReviewReference } from '../../api/review.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { ReviewStatusTag } from './review-labels.tsx';
import { DiffCard, PackageCard, PrechecksCard } from './review-submission.tsx';
import { PointsCard } from './review-points.tsx';
import { Actions } from './review-actions.tsx';
import { ParticipantsCard } from './review-participants.tsx';

interface Props {
  id: string;
  reference: ReviewReference;
  onClose: () => void;
  onChanged: () => void;
}

/**
 * One review: the package as submitted beside the automatic pre-checks and the seven points (S-13); what
 * changed since the previous round; the case's review history and whether its decision may be made now;
 * and the action the signed-in person may take (assign, conclude, disagree, record the deliberation).
 */
export function ReviewDrawer({ id, reference, onClose, onChanged }: Props) {
  const [version, setVersion] = useState(0);
  const detail = useRequest(() => reviewApi.detail(id), [id, version]);
  const review = detail.data;
  const history = useRequest(
    () => (review ? reviewApi.ofCase(review.caseId) : Promise.resolve(undefined)),
    [review?.caseId, version],
  );
  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };

  return (
    <Drawer
      open
      width="min(1280px, 100vw)"
      title={review ? `法制审核：${review.caseNumber}（第 ${review.round} 轮）` : '法制审核'}
      onClose={onClose}
      extra={review && <ReviewStatusTag status={review.status} label={review.statusLabel} />}
    >
      <LoadError error={detail.error} retry={detail.reload} />
      {review && (
        <Flex vertical gap={16}>
          {history.data && (
            <Alert
              type={history.data.gate.refusal ? 'warning' : 'success'}
              showIcon
              title={history.data.gate.refusal ? '现在不能作出决定' : '现在可以作出决定'}
              description={
                <>
                  {history.data.gate.message ?? '法制审核已通过，案件与审核时一致。'}
                  {history.data.gate.refusedAttempts > 0 &&
                    ` 已拒绝未经审核的决定尝试 ${history.data.gate.refusedAttempts} 次。`}
                </>
              }
            />
          )}
          <Actions review={review} reference={reference} onDone={changed} />
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <PackageCard review={review} reference={reference} />
            </Col>
            <Col xs={24} lg={12}>
              <Flex vertical gap={16}>
                <PrechecksCard review={review} reference={reference} />
                <PointsCard review={review} reference={reference} onDone={changed} />
                <ParticipantsCard review={review} onDone={changed} />
              </Flex>
            </Col>
          </Row>
          {review.diff && <DiffCard review={review} />}
          {history.data && (
            <Card size="small" title="审核历史">
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={history.data.reviews}
                columns={[
                  { title: '轮次', dataIndex: 'round', width: 64 },
                  { title: '送审日期', dataIndex: 'submittedOn', width: 110 },
                  { title: '审核人员', dataIndex: 'reviewerName', render: (n: string | null) => n ?? '—' },
                  { title: '办结日期', dataIndex: 'decidedOn', render: (d: string | null) => d ?? '—' },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    render: (s: string, r) => <ReviewStatusTag status={s} label={r.statusLabel} />,
                  },
                ]}
              />
            </Card>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
