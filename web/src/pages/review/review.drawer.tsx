import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { stepLabels } from '../../../../src/review/prechecks/procedure.rules.ts';
import {
  reviewApi,
  type ConclusionInput,
  type ReviewDetail,
  type ReviewReference,
} from '../../api/review.ts';
import { useSession } from '../../auth/session-context.ts';
import { ProblemAlert } from '../../forms/problem-alert.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { PrecheckTag, ReviewStatusTag, yuan } from './review-labels.tsx';

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

function PackageCard({ review, reference }: { review: ReviewDetail; reference: ReviewReference }) {
  const pkg = review.package;
  const p = review.proposal;
  return (
    <Card size="small" title="送审材料">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="当事人">{pkg.party.name}</Descriptions.Item>
        <Descriptions.Item label="执法事项">
          {pkg.item ? `${pkg.item.code} ${pkg.item.name}` : '未关联'}
        </Descriptions.Item>
        <Descriptions.Item label="违法事实">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.facts}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="拟作出的决定">{p.summary}</Descriptions.Item>
        <Descriptions.Item label="处罚种类">
          {p.measures.map((m) => (
            <Tag key={m}>{reference.measures[m] ?? m}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="罚款 / 没收">
          {yuan(p.amountFen)} / {yuan(p.confiscationFen)}
        </Descriptions.Item>
        <Descriptions.Item label="裁量说明">{p.discretionReason || '—'}</Descriptions.Item>
        <Descriptions.Item label="法律依据">
          {p.legalBases.map((b) => `《${b.law}》${b.article}`).join('；') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label="重大情形">
          {review.majorReasons.map((r) => (
            <Tag key={r.code} title={r.basis}>
              {r.label}
            </Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="程序环节">
          {pkg.steps.map((s) => `${s.on} ${stepLabels[s.step] ?? s.step}`).join(' → ')}
        </Descriptions.Item>
        <Descriptions.Item label="音像记录">{pkg.evidence.length} 份</Descriptions.Item>
        <Descriptions.Item label="执法文书">
          {pkg.documents.map((d) => d.number ?? d.title).join('；') || '—'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function PrechecksCard({ review, reference }: { review: ReviewDetail; reference: ReviewReference }) {
  return (
    <Card size="small" title="自动预审">
      <List
        size="small"
        dataSource={review.prechecks}
        renderItem={(c) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Space wrap>
                <PrecheckTag status={c.status} />
                <Typography.Text strong>{c.label}</Typography.Text>
                <Typography.Text type="secondary">（{reference.points[c.point] ?? c.point}）</Typography.Text>
              </Space>
              {c.evidence.map((line, i) => (
                <Typography.Text key={i} style={{ fontSize: 13 }}>
                  {line}
                </Typography.Text>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                依据：{c.basis}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

function PointsCard(props: { review: ReviewDetail; reference: ReviewReference; onDone: () => void }) {
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

function DiffCard({ review }: { review: ReviewDetail }) {
  const diff = review.diff!;
  const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const lists: [string, { added: string[]; removed: string[] }][] = [
    ['程序环节', diff.steps],
    ['音像记录', diff.evidence],
    ['执法文书', diff.documents],
  ];
  return (
    <Card size="small" title="与上一轮相比的变化">
      {diff.fields.length === 0 && (
        <Typography.Text type="secondary">审核涉及的事实、金额、依据和当事人未变化。</Typography.Text>
      )}
      {diff.fields.map((f) => (
        <Typography.Paragraph key={f.field}>
          <Typography.Text strong>{f.label}</Typography.Text>：
          <Typography.Text delete>{shown(f.before)}</Typography.Text> → {shown(f.after)}
        </Typography.Paragraph>
      ))}
      {lists.map(([label, d]) =>
        d.added.length + d.removed.length > 0 ? (
          <Typography.Paragraph key={label}>
            {label}：{d.added.length > 0 && `新增 ${d.added.join('、')}`}
            {d.removed.length > 0 && ` 移除 ${d.removed.join('、')}`}
          </Typography.Paragraph>
        ) : null,
      )}
    </Card>
  );
}

function Actions({
  review,
  reference,
  onDone,
}: {
  review: ReviewDetail;
  reference: ReviewReference;
  onDone: () => void;
}) {
  const { me } = useSession();
  const roles = new Set(me?.roles ?? []);
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
    (review.status === 'submitted' || review.status === 'in_review') &&
    (roles.has('unit_head') || roles.has('agency_head'));
  const mayDisagree =
    ['returned', 'disapproved', 'approved_with_changes'].includes(review.status) &&
    (roles.has('officer') || roles.has('unit_head') || roles.has('agency_head'));
  const mayExtend =
    (review.status === 'submitted' || review.status === 'in_review') &&
    !review.extended &&
    (roles.has('unit_head') || roles.has('agency_head'));
  if (
    !mayAssign &&
    !mayDisagree &&
    !mayExtend &&
    !(review.status === 'deliberation' && roles.has('agency_head'))
  ) {
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
        {review.status === 'deliberation' && roles.has('agency_head') && (
          <DeliberationForm review={review} reference={reference} onDone={onDone} />
        )}
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

const participantRoles = { legal_adviser: '法律顾问', public_lawyer: '公职律师' } as const;

/** Legal advisers and public lawyers taking part (S-13): the assigned reviewer invites them, with their opinion. */
function ParticipantsCard({ review, onDone }: { review: ReviewDetail; onDone: () => void }) {
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
