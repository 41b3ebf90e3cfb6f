import { Button, Card, Col, Form, Input, Row, Select, Table, Tag, Typography } from 'antd';
import {
  reviewApi,
  type ConclusionInput,
  type ReviewDetail,
  type ReviewReference,
} from '../../api/review.ts';
import { useSession } from '../../auth/session-context.ts';
import { ProblemAlert } from '../../forms/problem-alert.tsx';
import { useSubmit } from '../../forms/use-submit.ts';

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
              render: (f: string) => (
                <Tag color={f === 'problem' ? 'red' : f === 'satisfied' ? 'green' : 'default'}>
                  {reference.findings[f] ?? f}
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

function ConclusionForm({
  review,
  reference,
  onDone,
}: {
  review: ReviewDetail;
  reference: ReviewReference;
  onDone: () => void;
}) {
  const [form] = Form.useForm<ConclusionInput>();
  const { submitting, problem, run } = useSubmit(form);
  const points = Object.entries(reference.points);
  const submit = async (values: ConclusionInput) => {
    const done = await run(() => reviewApi.conclude(review.id, values), '已作出审核结论');
    if (done) onDone();
  };
  return (
    <Card size="small" title="审核要点（逐项填写）">
      <Form<ConclusionInput>
        form={form}
        layout="vertical"
        name="review-conclusion"
        initialValues={{
          result: 'approve',
          findings: points.map(([point]) => ({ point, finding: 'satisfied', note: '' })),
        }}
        onFinish={(v) => void submit(v)}
      >
        {points.map(([point, label], i) => (
          <Row key={point} gutter={8}>
            <Form.Item name={['findings', i, 'point']} hidden>
              <Input />
            </Form.Item>
            <Col xs={24} sm={9}>
              <Form.Item name={['findings', i, 'finding']} label={label}>
                <Select
                  options={Object.entries(reference.findings).map(([value, l]) => ({ value, label: l }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={15}>
              <Form.Item name={['findings', i, 'note']} label="意见">
                <Input.TextArea rows={1} autoSize maxLength={4000} />
              </Form.Item>
            </Col>
          </Row>
        ))}
        <Form.Item name="result" label="审核结论" rules={[{ required: true, message: '请选择审核结论' }]}>
          <Select options={Object.entries(reference.results).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          name="opinion"
          label="审核意见"
          rules={[{ required: true, whitespace: true, message: '请填写审核意见' }]}
        >
          <Input.TextArea rows={3} maxLength={8000} />
        </Form.Item>
        <ProblemAlert problem={problem} />
        <Button type="primary" htmlType="submit" loading={submitting}>
          作出审核结论
        </Button>
      </Form>
    </Card>
  );
}
