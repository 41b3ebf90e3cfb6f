import { Button, Card, Col, Flex, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  reviewApi,
  type ConclusionInput,
  type ReviewDetail,
  type ReviewReference,
} from '../../api/review.ts';
import { offers } from '../../auth/abilities.ts';
import { ProblemAlert } from '../../forms/problem-alert.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { useRequest } from '../../ui/use-request.ts';

/** What the case's side and the heads do next: assign, extend, disagree, deliberate — as the server offers (`can`). */

export function Actions({
  review,
  reference,
  onDone,
}: {
  review: ReviewDetail;
  reference: ReviewReference;
  onDone: () => void;
}) {
  const reviewers = useRequest(() => reviewApi.reviewers(), []);
  const [reviewerId, setReviewerId] = useState<string>();
  const [text, setText] = useState('');
  const { submitting, problem, run } = useSubmit();
  const act = async (action: () => Promise<unknown>, success: string) => {
    if (await run(action, success)) {
      setText('');
      onDone();
    }
  };
  const mayAssign =
    (review.status === 'submitted' || review.status === 'in_review') && offers(review, 'assign');
  const mayDisagree =
    ['returned', 'disapproved', 'approved_with_changes'].includes(review.status) && offers(review, 'submit');
  const mayExtend =
    (review.status === 'submitted' || review.status === 'in_review') &&
    !review.extended &&
    offers(review, 'extend');
  const mayDeliberate = review.status === 'deliberation' && offers(review, 'deliberate');
  if (!mayAssign && !mayDisagree && !mayExtend && !mayDeliberate) {
    return null;
  }
  return (
    <Card size="small" title="办理">
      <Flex vertical gap={8}>
        {mayAssign && (
          <Space wrap>
            <Select
              placeholder="选择审核人员（法制机构）"
              style={{ width: 280 }}
              value={reviewerId}
              onChange={setReviewerId}
              options={(reviewers.data ?? []).map((r) => ({
                value: r.personId,
                label: `${r.name}（在办 ${r.openReviews} 件${r.mayReview ? '' : '，未登记法律职业资格'}）`,
              }))}
            />
            <Button
              disabled={!reviewerId}
              loading={submitting}
              onClick={() =>
                reviewerId && void act(() => reviewApi.assign(review.id, reviewerId), '已分配审核人员')
              }
            >
              分配
            </Button>
          </Space>
        )}
        {(mayDisagree || mayExtend) && (
          <Space.Compact style={{ maxWidth: 640 }}>
            <Input
              placeholder={mayDisagree ? '对审核意见的不同意见（提请集体讨论）' : '延长审核期限的理由'}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            {mayExtend && (
              <Button
                loading={submitting}
                onClick={() => void act(() => reviewApi.extend(review.id, text), '审核期限已延长')}
              >
                延长期限
              </Button>
            )}
            {mayDisagree && (
              <Button
                loading={submitting}
                onClick={() => void act(() => reviewApi.disagree(review.id, text), '已提请集体讨论')}
              >
                提请集体讨论
              </Button>
            )}
          </Space.Compact>
        )}
        {mayDeliberate && <DeliberationForm review={review} reference={reference} onDone={onDone} />}
        <ProblemAlert problem={problem} />
      </Flex>
    </Card>
  );
}

function DeliberationForm({
  review,
  reference,
  onDone,
}: {
  review: ReviewDetail;
  reference: ReviewReference;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{
    heldOn: string;
    chair: string;
    attendees: string;
    discussion: string;
    conclusion: string;
  }>();
  const { submitting, problem, run } = useSubmit(form);
  return (
    <Form
      form={form}
      layout="vertical"
      name="review-deliberation"
      onFinish={(v) =>
        void run(
          () =>
            reviewApi.deliberate(review.id, {
              heldOn: v.heldOn,
              chair: v.chair,
              attendees: v.attendees.split(/[、,，\s]+/).filter(Boolean),
              discussion: v.discussion,
              conclusion: v.conclusion as ConclusionInput['result'],
            }),
          '已记录集体讨论',
        ).then((done) => done && onDone())
      }
    >
      <Typography.Text>不同意见：{review.disagreement}</Typography.Text>
      <Row gutter={8}>
        <Col xs={24} sm={8}>
          <Form.Item
            name="heldOn"
            label="讨论日期（YYYY-MM-DD）"
            rules={[{ required: true, message: '请填写日期' }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="chair" label="主持人" rules={[{ required: true, message: '请填写主持人' }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="conclusion" label="讨论结论" rules={[{ required: true, message: '请选择结论' }]}>
            <Select options={Object.entries(reference.results).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="attendees"
        label="参加人员（以顿号分隔）"
        rules={[{ required: true, message: '请填写参加人员' }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="discussion" label="讨论情况" rules={[{ required: true, message: '请填写讨论情况' }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <ProblemAlert problem={problem} />
      <Button type="primary" htmlType="submit" loading={submitting}>
        记录集体讨论
      </Button>
    </Form>
  );
}
