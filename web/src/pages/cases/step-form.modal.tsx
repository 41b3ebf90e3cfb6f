import { Alert, Col, DatePicker, Form, Input, Row, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { casesApi, type CaseDetail, type StepBody } from '../../api/cases.ts';
import type { NextStep } from '../../../../src/cases/case-view.ts';
import {
  isExitStep,
  terminationGroundLabels,
  type TerminationGround,
} from '../../../../src/cases/exit.rules.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { isoDate, today } from '../../ui/dates.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import {
  fenOf,
  measureLabels,
  requirementLabels,
  serviceMethodLabels,
  transitionOf,
} from './cases.labels.ts';
import {
  HearingRightNote,
  rowsOf,
  SanctionsField,
  sanctionsOf,
  type SanctionRow,
} from './sanctions-field.tsx';
import { useCaseSubmit } from './use-case-submit.ts';
import { amountRule } from '../../ui/amount-rule.ts';
import { FindingsFields, findingsOf, findingsValues, type FindingsValues } from './findings-fields.tsx';
import { StepDocumentsFields, useStepDocuments } from './step-documents-fields.tsx';
import { powersApi } from '../../api/powers.ts';
import { useRequest } from '../../ui/use-request.ts';

interface Values {
  on?: Dayjs | null;
  reason?: string;
  lateReason?: string;
  amountFen?: string;
  proposedSanctions?: SanctionRow[];
  rightsWaived?: boolean;
  hearingChairId?: string;
  hearingNotifiedOn?: Dayjs | null;
  hearingRecordSigned?: boolean;
  remedy?: string;
  serviceMethod?: StepBody['serviceMethod'];
  electronicConsent?: boolean;
  measure?: 'sealing' | 'seizure';
  place?: string;
  leadItemId?: string;
  terminationGround?: TerminationGround;
  transferee?: string;
  findings?: FindingsValues;
  documents?: Record<string, { fields?: Record<string, string | undefined> }>;
}

const moneyRule = amountRule;

/**
 * The form of one next step, generated from the lifecycle's transition: its date, and the fields its
 * requirements and effects need (reason, amount, hearing chair, service method and consent, measure, the
 * penalty item of a referred lead), plus the reason for lateness when the period it must meet has ended.
 */
export function StepFormModal(props: {
  detail: CaseDetail;
  step: NextStep;
  peopleOptions: { value: string; label: string }[];
  penaltyItemOptions: { value: string; label: string }[];
  onClose: () => void;
  onDone: () => void;
  onReload: () => void;
}) {
  const { detail, step } = props;
  const kase = detail.case;
  const t = transitionOf(kase.kind, kase.state, step.step);
  const requires = new Set(t?.requires ?? []);
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const serviceMethod = Form.useWatch('serviceMethod', form);
  const proposedRows = Form.useWatch('proposedSanctions', form);
  const stepDocuments = useStepDocuments(kase.id, kase.kind, step.step);
  const reports = step.step === 'conclude_investigation' && kase.kind === 'penalty_ordinary';
  const item = useRequest(
    () => (reports && kase.itemId ? powersApi.detail(kase.itemId) : Promise.resolve(undefined)),
    [reports, kase.itemId],
  );
  // Concluded again after a return: the report starts as the last round left it. The notice proposes
  // what the report (or the reviewed round) proposed.
  const notifies = step.step === 'notify' && kase.kind === 'penalty_ordinary';
  const standing = useRequest(
    () =>
      reports || notifies ? casesApi.standingProposal(kase.id).catch(() => null) : Promise.resolve(null),
    [reports, notifies, kase.id],
  );
  const late = t?.meets
    ? detail.deadlines.find((d) => d.code === t.meets && d.metOn === null && d.overdue)
    : undefined;

  async function submit(values: Values) {
    const body: StepBody = {
      version: kase.version,
      on: isoDate(values.on),
      reason: values.reason?.trim() || null,
      lateReason: values.lateReason?.trim() || null,
      amountFen: fenOf(values.amountFen),
      ...(step.step === 'notify' ? { proposedSanctions: sanctionsOf(values.proposedSanctions) } : {}),
      rightsWaived: values.rightsWaived ?? false,
      hearingChairId: values.hearingChairId ?? null,
      hearingNotifiedOn: isoDate(values.hearingNotifiedOn) ?? null,
      hearingRecordSigned: values.hearingRecordSigned ?? false,
      remedy: values.remedy?.trim() || null,
      serviceMethod: values.serviceMethod ?? null,
      electronicConsent: values.electronicConsent ?? false,
      measure: values.measure ?? null,
      place: values.place?.trim() || null,
      leadItemId: values.leadItemId ?? null,
      terminationGround: values.terminationGround ?? null,
      transferee: values.transferee?.trim() || null,
      ...(reports ? { findings: findingsOf(values.findings) } : {}),
      documents: stepDocuments.editsOf(values.documents),
    };
    const done = await run(() => casesApi.step(kase.id, step.step, body), `已办理「${step.label}」`);
    if (done) props.onDone();
  }

  const half = { xs: 24, sm: 12 };
  if ((reports && kase.itemId && item.loading) || ((reports || notifies) && standing.loading)) return null;
  const proposed = standing.data?.proposal;
  const itemBases = (item.data?.item.latest.legalBases ?? []).map((b) => ({
    law: b.law,
    article: b.article,
  }));
  return (
    <CaseFormModal<Values>
      name={`step-${step.step}`}
      title={`办理：${step.label}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(v) => void submit(v)}
      onReload={props.onReload}
      initialValues={{
        on: today(),
        rightsWaived: false,
        electronicConsent: false,
        proposedSanctions:
          step.step !== 'notify'
            ? []
            : proposed?.sanctions && proposed.sanctions.length > 0
              ? rowsOf(proposed.sanctions)
              : proposed?.amountFen
                ? [{ kind: 'fine', amountYuan: (proposed.amountFen / 100).toFixed(2) }]
                : [{ kind: 'fine' }],
        hearingRecordSigned: false,
        ...(reports ? { findings: findingsValues(standing.data?.proposal, itemBases) } : {}),
      }}
      width={reports ? 760 : undefined}
      extra={
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          依据：{step.basis}
          {step.officers > 0 &&
            `；须两名以上持有效执法证的办案人员（已指派 ${detail.officers.filter((o) => !o.recusedAt).length} 名）${step.step === 'serve' ? '，邮寄、电子、公告送达除外' : ''}`}
          {step.documents.length > 0 && `；文书：${step.documents.join('、')}`}
          {[...requires].map((r) => `；${requirementLabels[r]}`).join('')}
        </Typography.Paragraph>
      }
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="on" label="办理日期" rules={[{ required: true, message: '请选择办理日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today())} />
          </Form.Item>
        </Col>
        {t?.av && (
          <Col {...half}>
            <Form.Item name="place" label="地点">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        )}
      </Row>
      {requires.has('amount') && (
        <Form.Item
          name="amountFen"
          label="金额（元）"
          rules={[{ required: true, message: '请填写金额' }, moneyRule]}
        >
          <Input inputMode="decimal" placeholder="如 5000 或 5000.00" />
        </Form.Item>
      )}
      {step.step === 'notify' && (
        <>
          <SanctionsField name="proposedSanctions" label="拟作出的行政处罚" />
          <HearingRightNote detail={detail} rows={proposedRows} />
          <Form.Item name="rightsWaived" label="当事人书面放弃陈述、申辩和听证" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </>
      )}
      {step.step === 'refuse_hearing' && kase.hearingRight === true && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="拟作出的处罚属于听证范围，当事人要求听证的，应当组织听证（行政处罚法 §63）"
        />
      )}
      {requires.has('hearing_period_over') && (
        <Form.Item
          name="rightsWaived"
          label="当事人已书面放弃陈述、申辩和听证"
          valuePropName="checked"
          extra="未放弃的，须待告知后五个工作日的听证申请期限届满"
        >
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      )}
      {(requires.has('hearing_chair') || requires.has('licensing_hearing_chair')) && (
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="hearingChairId"
              label="听证主持人"
              rules={[{ required: true, message: '请选择听证主持人' }]}
            >
              <Select options={props.peopleOptions} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="hearingNotifiedOn"
              label="听证通知日期"
              rules={[{ required: true, message: '请选择通知日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {requires.has('licensing_hearing_chair') && (
            <Col {...half}>
              <Form.Item
                name="hearingRecordSigned"
                label="听证笔录已经听证参加人签字或者盖章"
                valuePropName="checked"
                extra="主持人须为审查该申请的工作人员以外的人员（行政许可法 §48）"
              >
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
      {requires.has('remedy') && (
        <Form.Item
          name="remedy"
          label="告知的救济途径"
          rules={[{ required: true, whitespace: true, message: '请填写救济途径' }]}
          extra="如：向有权机关申请；或于六十日内申请行政复议、六个月内提起行政诉讼（行政许可法 §32）"
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      )}
      {(step.step === 'serve' || step.step === 'issue_licence') && (
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="serviceMethod"
              label="送达方式"
              rules={[{ required: true, message: '请选择送达方式' }]}
            >
              <Select options={optionsOf(serviceMethodLabels)} />
            </Form.Item>
          </Col>
          {serviceMethod === 'electronic' && (
            <Col {...half}>
              <Form.Item name="electronicConsent" label="当事人书面同意电子送达" valuePropName="checked">
                <Switch checkedChildren="已同意" unCheckedChildren="未同意" />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
      {step.step === 'enforce' && (
        <Form.Item name="measure" label="强制措施" rules={[{ required: true, message: '请选择查封或扣押' }]}>
          <Select options={optionsOf(measureLabels)} />
        </Form.Item>
      )}
      {isExitStep(step.step) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`「${step.label}」后案件不再按本程序办理`}
          description="正在计算的期限随之终结（不计为逾期），案件此后只能归档。请核对理由和材料后提交。"
        />
      )}
      {requires.has('termination_ground') && (
        <Form.Item
          name="terminationGround"
          label="终止调查的情形"
          rules={[{ required: true, message: '请选择终止调查的情形' }]}
        >
          <Select options={optionsOf(terminationGroundLabels)} />
        </Form.Item>
      )}
      {requires.has('transferee') && (
        <Form.Item
          name="transferee"
          label={step.step === 'transfer_judiciary' ? '接收移送的司法机关' : '接收移送的机关'}
          rules={[{ required: true, whitespace: true, message: '请填写接收机关' }]}
        >
          <Input maxLength={100} placeholder={step.step === 'transfer_judiciary' ? '如 衡阳县公安局' : ''} />
        </Form.Item>
      )}
      {step.step === 'refer_lead' && (
        <Form.Item name="leadItemId" label="拟处罚的权责事项">
          <Select options={props.penaltyItemOptions} allowClear showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      )}
      {reports && (
        <>
          <Typography.Title level={5}>调查终结报告</Typography.Title>
          <Typography.Paragraph type="secondary">
            此处填写的事实、证据、依据和处理意见即为送审内容，提交法制审核时无需重新录入。
          </Typography.Paragraph>
          <FindingsFields name="findings" />
        </>
      )}
      <Form.Item
        name="reason"
        label={requires.has('reason') ? '理由' : '意见或说明'}
        rules={requires.has('reason') ? [{ required: true, whitespace: true, message: '请填写理由' }] : []}
      >
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <StepDocumentsFields
        types={stepDocuments.types}
        drafts={stepDocuments.drafts}
        problem={problem}
        form={form}
      />
      {late && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`「${late.label}」已于 ${late.dueOn} 届满`}
            description="法律允许逾期办理的，须记录逾期理由；不允许的，系统将拒绝。"
          />
          <Form.Item
            name="lateReason"
            label="逾期理由"
            rules={[{ required: true, whitespace: true, message: '请填写逾期理由' }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      )}
    </CaseFormModal>
  );
}
