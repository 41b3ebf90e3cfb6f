import { Button, Card, Col, Form, Input, Row, Select, Tag, Typography } from 'antd';
import { reviewApi, type ReviewDetail } from '../../api/review.ts';
import { useSession } from '../../auth/session-context.ts';
import { ProblemAlert } from '../../forms/problem-alert.tsx';
import { useSubmit } from '../../forms/use-submit.ts';

/** Legal advisers and public lawyers taking part in the review (法制审核 participation). */

const participantRoles = { legal_adviser: '法律顾问', public_lawyer: '公职律师' } as const;

/** Legal advisers and public lawyers taking part (S-13): the assigned reviewer invites them, with their opinion. */
export function ParticipantsCard({ review, onDone }: { review: ReviewDetail; onDone: () => void }) {
  const { me } = useSession();
  const [form] = Form.useForm<{
    role: 'legal_adviser' | 'public_lawyer';
    name: string;
    organisation: string;
    opinion?: string;
  }>();
  const { submitting, problem, run } = useSubmit(form);
  const mayInvite = review.status === 'in_review' && me?.personId === review.reviewerId;
  if (!mayInvite && review.participants.length === 0) return null;
  return (
    <Card size="small" title="法律顾问、公职律师意见">
      {review.participants.map((p, i) => (
        <Typography.Paragraph key={i}>
          <Tag>{participantRoles[p.role as keyof typeof participantRoles] ?? p.role}</Tag>
          {p.name}（{p.organisation}）：{p.opinion ?? '尚未提出意见'}
        </Typography.Paragraph>
      ))}
      {mayInvite && (
        <Form
          form={form}
          layout="vertical"
          name="review-invitation"
          initialValues={{ role: 'legal_adviser' }}
          onFinish={(v) =>
            void run(
              () =>
                reviewApi.invite(review.id, {
                  role: v.role,
                  personId: null,
                  name: v.name,
                  organisation: v.organisation,
                  opinion: v.opinion?.trim() ? v.opinion : null,
                }),
              '已邀请',
            ).then((done) => {
              if (done) {
                form.resetFields();
                onDone();
              }
            })
          }
        >
          <Row gutter={8}>
            <Col xs={24} sm={6}>
              <Form.Item name="role" label="身份">
                <Select
                  options={Object.entries(participantRoles).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                name="name"
                label="姓名"
                rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={10}>
              <Form.Item
                name="organisation"
                label="单位"
                rules={[{ required: true, whitespace: true, message: '请填写单位' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="opinion" label="顾问意见">
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <ProblemAlert problem={problem} />
          <Button htmlType="submit" loading={submitting}>
            邀请参与审核
          </Button>
        </Form>
      )}
    </Card>
  );
}
