import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Grid,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { NextStep } from '../../../../src/cases/case-view.ts';
import { partyTypeLabels } from '../../../../src/cases/party.rules.ts';
import { casesApi, type CaseDetail, type PartyView } from '../../api/cases.ts';
import { powersApi } from '../../api/powers.ts';
import { useSession } from '../../auth/session-context.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { usePeopleOptions } from '../records/use-records-options.ts';
import { enforcementFieldLabel } from './case-fields.ts';
import { CaseDeadlines } from './case-deadlines.tsx';
import { CaseDocuments } from './case-documents.tsx';
import { CaseEvidence } from './case-evidence.tsx';
import { nonPaymentSteps } from '../../../../src/cases/lifecycles/non-payment.ts';
import { CaseFileCard } from './case-file-card.tsx';
import { CasePayment, paymentPanelStates } from './case-payment.tsx';
import { CaseOfficers } from './case-officers.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { procedureLabels, transitionOf, yuan } from './cases.labels.ts';
import { sanctionsText } from '../../../../src/cases/sanctions.rules.ts';
import { DecisionFormModal } from './decision-form.modal.tsx';
import { ReviewSubmitModal } from './review-submit.modal.tsx';
import { StepFormModal } from './step-form.modal.tsx';

/**
 * One case: its header (number, kind, procedure, state, parties), the next steps the lifecycle allows with
 * their forms, the timeline with verified record-log indexes, officers and recusal, periods, documents and
 * evidence. Every write names the version the page loaded; a 409 conflict offers the reload.
 */
export function CasePage({ id, onBack }: { id: string; onBack: () => void }) {
  const detail = useRequest(() => casesApi.detail(id), [id]);
  const timeline = useRequest(() => casesApi.timeline(id), [id]);
  // Sections with their own reads (documents, evidence, countdowns) reload with the case.
  const [tick, setTick] = useState(0);
  const reload = () => {
    detail.reload();
    timeline.reload();
    setTick((t) => t + 1);
  };
  const screens = Grid.useBreakpoint();

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
            返回列表
          </Button>
          <Typography.Title level={1} style={{ margin: 0, fontSize: screens.md ? 20 : 17 }}>
            案件：{detail.data?.case.caseNumber ?? ''}
          </Typography.Title>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      </Flex>
      <LoadError error={detail.error} retry={detail.reload} />
      {detail.data && (
        <CaseBody detail={detail.data} reload={reload} tick={tick} wide={!!screens.lg}>
          <Card title="办理过程" size="small">
            <LoadError error={timeline.error} retry={timeline.reload} />
            {timeline.data && <CaseTimeline events={timeline.data.items} />}
          </Card>
        </CaseBody>
      )}
    </>
  );
}

function CaseBody(props: {
  detail: CaseDetail;
  reload: () => void;
  tick: number;
  wide: boolean;
  children: React.ReactNode;
}) {
  const { detail, reload } = props;
  const kase = detail.case;
  const { officerOptions } = usePeopleOptions(kase.agencyId);
  const peopleOptions = officerOptions;
  const penaltyItems = useRequest(
    () =>
      detail.nextSteps.some((s) => s.step === 'refer_lead')
        ? powersApi.list({ agencyId: kase.agencyId, kind: 'penalty', page: 1, pageSize: 200 })
        : Promise.resolve(undefined),
    [kase.id, kase.state],
  );
  const penaltyItemOptions = (penaltyItems.data?.items ?? []).map((i) => ({
    value: i.id,
    label: `${i.code} ${i.latest.name}`,
  }));
  const [taking, setTaking] = useState<NextStep | null>(null);
  // The demand and the court's steps are taken in 罚款缴纳 (the payment routes), not as a generic step
  const steps = detail.nextSteps.filter((s) => !nonPaymentSteps.has(s.step));
  const [reviewing, setReviewing] = useState(false);
  const suggestedDocuments = useMemo(() => detail.nextSteps.flatMap((s) => s.documents), [detail.nextSteps]);
  const avStep = detail.nextSteps.map((s) => transitionOf(kase.kind, kase.state, s.step)?.av).find(Boolean);
  const after = () => {
    setTaking(null);
    reload();
  };

  return (
    <>
      <CaseHeader detail={detail} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="下一步" size="small">
              {kase.suspendedSince && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={`案件已于 ${kase.suspendedSince} 中止，恢复后方可继续办理`}
                />
              )}
              {steps.length === 0 ? (
                <Empty description={kase.final ? '案件已办结' : '当前没有可办理的环节'} />
              ) : (
                <Flex vertical gap={8}>
                  {steps.map((s) => (
                    <Flex key={`${s.step}-${s.to}`} justify="space-between" align="center" wrap gap={8}>
                      <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                        <Typography.Text strong>{s.label}</Typography.Text>
                        <Typography.Text type="secondary"> → {s.toLabel}</Typography.Text>
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {s.roles.map((r) => r.label).join('、')}
                            {s.officers > 0 && ` · ${s.officers} 名以上执法人员`}
                          </Typography.Text>
                        </div>
                      </div>
                      <StepButton
                        step={s}
                        suspended={!!kase.suspendedSince}
                        onTake={() => setTaking(s)}
                        onSubmitReview={() => setReviewing(true)}
                      />
                    </Flex>
                  ))}
                </Flex>
              )}
            </Card>
            {props.wide ? null : props.children}
            <Card title="法定期限" size="small">
              <CaseDeadlines detail={detail} onChanged={reload} />
            </Card>
            {kase.actionKind === 'penalty' &&
              (kase.amountFen ?? 0) > 0 &&
              paymentPanelStates.has(kase.state) && (
                <Card title="罚款缴纳" size="small">
                  <CasePayment detail={detail} onChanged={reload} />
                </Card>
              )}
            <Card title="办案人员与回避" size="small">
              <CaseOfficers detail={detail} officerOptions={officerOptions} onChanged={reload} />
            </Card>
            <Card title="执法文书" size="small">
              <CaseDocuments detail={detail} suggested={suggestedDocuments} tick={props.tick} />
            </Card>
            <Card title="证据" size="small">
              <CaseEvidence detail={detail} avStep={avStep} tick={props.tick} />
            </Card>
            {(kase.closedOn || kase.final) && (
              <Card title="电子卷宗" size="small">
                <CaseFileCard detail={detail} onAssembled={reload} />
              </Card>
            )}
          </Space>
        </Col>
        {props.wide && (
          <Col xs={24} lg={10}>
            {props.children}
          </Col>
        )}
      </Row>
      {taking && !taking.decision && (
        <StepFormModal
          detail={detail}
          step={taking}
          peopleOptions={peopleOptions}
          penaltyItemOptions={penaltyItemOptions}
          onClose={() => setTaking(null)}
          onDone={after}
          onReload={reload}
        />
      )}
      {taking?.decision && (
        <DecisionFormModal
          detail={detail}
          label={taking.label}
          onClose={() => setTaking(null)}
          onDone={after}
          onReload={reload}
        />
      )}
      {reviewing && (
        <ReviewSubmitModal
          detail={detail}
          onClose={() => setReviewing(false)}
          onDone={() => {
            setReviewing(false);
            reload();
          }}
        />
      )}
    </>
  );
}

/**
 * The button of one next step. The legal-review steps are the review area's: submitting opens the review
 * submission (POST /api/v1/reviews takes the step), passing or returning is done in 法制审核.
 */
function StepButton(props: {
  step: NextStep;
  suspended: boolean;
  onTake: () => void;
  onSubmitReview: () => void;
}) {
  const { step: s } = props;
  const refusal = s.mayTake ? undefined : `须由${s.roles.map((r) => r.label).join('或')}办理`;
  if (s.step === 'submit_review') {
    return (
      <Button disabled={!s.mayTake || props.suspended} title={refusal} onClick={props.onSubmitReview}>
        提交法制审核
      </Button>
    );
  }
  if (s.step === 'return_review') return null;
  if (s.step === 'pass_review') {
    return (
      <Link to="/review/queue">
        <Button>前往法制审核</Button>
      </Link>
    );
  }
  return (
    <Button
      type={s.decision ? 'primary' : 'default'}
      disabled={!s.mayTake || props.suspended}
      title={refusal}
      onClick={props.onTake}
    >
      {s.decision ? '作出决定' : `办理：${s.label}`}
    </Button>
  );
}

/** Personal data stays with the agency's own staff: a supervising agency sees it masked. */
const masked = (v: string | null, own: boolean) => (v ? (own ? v : `${v.slice(0, 1)}***`) : '—');

function CaseHeader({ detail }: { detail: CaseDetail }) {
  const kase = detail.case;
  const { me } = useSession();
  const own = me?.agency.id === kase.agencyId;
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'number',
            label: '案号',
            children: <Typography.Text strong>{kase.caseNumber}</Typography.Text>,
          },
          { key: 'kind', label: '类别', children: kase.kindLabel },
          {
            key: 'procedure',
            label: '程序',
            children: kase.procedure ? procedureLabels[kase.procedure] : '—',
          },
          {
            key: 'state',
            label: '状态',
            children: (
              <Space>
                <Tag color={kase.final ? 'default' : 'processing'} data-testid="case-state">
                  {kase.stateLabel}
                </Tag>
                {kase.suspendedSince && <Tag color="orange">中止中</Tag>}
                {kase.major && <Tag color="red">重大执法决定</Tag>}
              </Space>
            ),
          },
          { key: 'title', label: '案由', children: kase.title },
          { key: 'item', label: '权责事项', children: kase.itemCode ?? '—' },
          { key: 'field', label: '执法领域', children: enforcementFieldLabel(kase.field) },
          { key: 'source', label: '来源', children: kase.source },
          { key: 'discovered', label: '发现（受理）日期', children: kase.discoveredOn },
          ...(kase.filedOn ? [{ key: 'filed', label: '立案日期', children: kase.filedOn }] : []),
          ...(kase.proposedSanctions.length > 0
            ? [
                {
                  key: 'proposedSanctions',
                  label: '拟作出的处罚',
                  children: sanctionsText(kase.proposedSanctions),
                },
              ]
            : kase.proposedAmountFen !== null
              ? [{ key: 'proposed', label: '拟处罚金额', children: yuan(kase.proposedAmountFen) }]
              : []),
          ...(kase.hearingRight !== null
            ? [
                {
                  key: 'hearingRight',
                  label: '听证权利',
                  children: kase.hearingRight
                    ? `有（${kase.hearingRightGrounds.join('；')}）`
                    : '不属于听证范围（行政处罚法 §63）',
                },
              ]
            : []),
          ...(detail.deliberationRequired.length > 0
            ? [
                {
                  key: 'deliberation',
                  label: '集体讨论',
                  children: (
                    <span data-testid="deliberation-required">
                      须经负责人集体讨论决定（行政处罚法 §57 ¶2）：
                      {detail.deliberationRequired.map((r) => r.label).join('；')}
                    </span>
                  ),
                },
              ]
            : []),
          ...(kase.socialImpact
            ? [{ key: 'socialImpact', label: '社会影响', children: '具有一定社会影响' }]
            : []),
          ...(kase.decidedOn ? [{ key: 'decided', label: '决定日期', children: kase.decidedOn }] : []),
          ...(kase.sanctions.length > 0
            ? [{ key: 'sanctions', label: '决定的处罚', children: sanctionsText(kase.sanctions) }]
            : []),
          ...(kase.amountFen !== null
            ? [{ key: 'amount', label: '决定金额', children: yuan(kase.amountFen) }]
            : []),
          ...(kase.paidFen > 0 ? [{ key: 'paid', label: '已缴纳', children: yuan(kase.paidFen) }] : []),
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 15, marginTop: 12 }}>
        当事人
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        当事人的证件号码、联系方式和住址仅供本机关工作人员办案使用，公示时按规定隐去。
      </Typography.Paragraph>
      <Table<PartyView>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.parties}
        locale={{ emptyText: '未登记当事人' }}
        columns={[
          {
            title: '类型',
            dataIndex: 'type',
            render: (t: PartyView['type']) => partyTypeLabels[t],
          },
          { title: '名称（姓名）', dataIndex: 'name' },
          {
            title: '证件号码（统一社会信用代码）',
            key: 'id',
            render: (_, p) => (p.type === 'person' ? masked(p.idNumber, own) : (p.creditCode ?? '—')),
          },
          {
            title: '法定代表人（经营者）',
            key: 'representative',
            render: (_, p) => p.legalRepresentative ?? p.operatorName ?? '—',
            responsive: ['md'],
          },
          { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => masked(v, own) },
          {
            title: '地址',
            dataIndex: 'address',
            render: (v: string | null) => masked(v, own),
            responsive: ['md'],
          },
        ]}
      />
    </Card>
  );
}
