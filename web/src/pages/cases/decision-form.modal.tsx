import { Col, DatePicker, Form, Input, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { casesApi, type CaseDetail, type DecisionBody } from '../../api/cases.ts';
import { isoDate, today } from '../../ui/dates.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { CaseFormModal } from './case-form-modal.tsx';
import { noPenaltyGroundDefs, noPenaltyGrounds } from '../../../../src/cases/no-penalty.rules.ts';
import { circumstanceLabels, decisionOutcomes, fenOf } from './cases.labels.ts';
import { ReviewSubmitModal } from './review-submit.modal.tsx';
import {
  DeliberationNote,
  SanctionsField,
  rowsOf,
  sanctionsOf,
  type SanctionRow,
} from './sanctions-field.tsx';
import { useCaseSubmit } from './use-case-submit.ts';
import { amountRule } from '../../ui/amount-rule.ts';
import { StepDocumentsFields, useStepDocuments } from './step-documents-fields.tsx';

interface Values {
  on?: Dayjs | null;
  outcome?: DecisionBody['outcome'];
  amountFen?: string;
  sanctions?: SanctionRow[];
  circumstance?: DecisionBody['circumstance'];
  discretionReason?: string;
  reason?: string;
  illegalGains?: boolean;
  formNumber?: string;
  lateReason?: string;
  place?: string;
  noPenaltyGround?: DecisionBody['noPenaltyGround'];
  education?: string;
  documents?: Record<string, { fields?: Record<string, string | undefined> }>;
}

const noPenaltyOptions = noPenaltyGrounds.map((g) => ({
  value: g,
  label: `${noPenaltyGroundDefs[g].label}（${noPenaltyGroundDefs[g].duty === 'must_not' ? '不予处罚' : '可以不予处罚'}）`,
}));

/** The outcomes a kind of case can have. */
const outcomesOf: Readonly<Record<string, readonly (keyof typeof decisionOutcomes)[]>> = {
  penalty_ordinary: ['penalty', 'warning', 'no_penalty'],
  penalty_summary: ['penalty', 'warning'],
  licensing: ['grant', 'refuse'],
  levy: ['levy'],
  fee: ['fee'],
};

/**
 * 作出决定: behind the decision's gates. A major decision without a passed legal review answers 409
 * REVIEW_REQUIRED, shown as "需先通过法制审核" with the way to submit the review.
 */
export function DecisionFormModal(props: {
  detail: CaseDetail;
  label: string;
  onClose: () => void;
  onDone: () => void;
  onReload: () => void;
}) {
  const kase = props.detail.case;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const [reviewing, setReviewing] = useState(false);
  const summary = kase.procedure === 'summary';
  const outcomes = (outcomesOf[kase.kind] ?? Object.keys(decisionOutcomes)).map((o) => ({
    value: o,
    label: decisionOutcomes[o as keyof typeof decisionOutcomes],
  }));
  const late = props.detail.deadlines.find((d) => d.code === 'decision' && d.metOn === null && d.overdue);
  const outcome = Form.useWatch('outcome', form);
  // 行政处罚法 §9: an ordinary-procedure penalty lists its sanctions, starting from those notified (§45)
  const listed = kase.kind === 'penalty_ordinary' && (outcome ?? outcomes[0]?.value) === 'penalty';
  const stepDocuments = useStepDocuments(kase.id, kase.kind, 'decide', outcome ?? outcomes[0]?.value ?? null);

  async function submit(values: Values) {
    const body: DecisionBody = {
      version: kase.version,
      on: isoDate(values.on),
      outcome: values.outcome ?? 'penalty',
      amountFen: listed ? 0 : (fenOf(values.amountFen) ?? 0),
      ...(listed ? { sanctions: sanctionsOf(values.sanctions) } : {}),
      circumstance: values.circumstance ?? null,
      discretionReason: values.discretionReason?.trim() || null,
      reason: values.reason?.trim() || null,
      illegalGains: values.illegalGains ?? false,
      formNumber: values.formNumber?.trim() || null,
      lateReason: values.lateReason?.trim() || null,
      place: values.place?.trim() || null,
      noPenaltyGround: values.outcome === 'no_penalty' ? (values.noPenaltyGround ?? null) : null,
      education: values.outcome === 'no_penalty' ? values.education?.trim() || null : null,
      documents: stepDocuments.editsOf(values.documents),
    };
    const done = await run(() => casesApi.decide(kase.id, body), '决定已作出');
    if (done) props.onDone();
  }

  const half = { xs: 24, sm: 12 };
  return (
    <>
      <CaseFormModal<Values>
        name="decision"
        title={props.label}
        form={form}
        submitting={submitting}
        problem={problem}
        onCancel={props.onClose}
        onFinish={(v) => void submit(v)}
        onReload={props.onReload}
        onSubmitReview={() => setReviewing(true)}
        initialValues={{
          on: today(),
          outcome: outcomes[0]?.value as Values['outcome'],
          illegalGains: false,
          sanctions: rowsOf(kase.proposedSanctions),
        }}
        okText="作出决定"
      >
        <DeliberationNote detail={props.detail} />
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="on" label="决定日期" rules={[{ required: true, message: '请选择决定日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today())} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="outcome"
              label="决定结果"
              rules={[{ required: true, message: '请选择决定结果' }]}
            >
              <Select options={outcomes} />
            </Form.Item>
          </Col>
          {!listed && (
            <Col {...half}>
              <Form.Item name="amountFen" label="金额（元）" rules={[amountRule]}>
                <Input inputMode="decimal" placeholder="警告、不予处罚填 0" />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="circumstance" label="裁量情节">
              <Select options={optionsOf(circumstanceLabels)} allowClear />
            </Form.Item>
          </Col>
        </Row>
        {listed && <SanctionsField name="sanctions" label="决定给予的行政处罚（不得重于告知的处罚）" />}
        <Form.Item
          name="discretionReason"
          label="裁量说明"
          extra="金额超出裁量基准的，须说明理由（将列为重大执法决定）"
        >
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="reason" label="决定理由">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        {outcome === 'no_penalty' && (
          <>
            <Form.Item
              name="noPenaltyGround"
              label="不予处罚情形（行政处罚法 §33）"
              rules={[{ required: true, message: '请选择不予行政处罚的法定情形' }]}
            >
              <Select options={noPenaltyOptions} />
            </Form.Item>
            <Form.Item
              name="education"
              label="教育情况"
              extra="对依法不予处罚的当事人应当进行教育（行政处罚法 §33 第三款）：记录教育的方式和内容"
              rules={[{ required: true, whitespace: true, message: '请记录对当事人进行教育的情况' }]}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {summary && (
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="formNumber" label="预定格式决定书编号">
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="place" label="地点">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="illegalGains" label="需计算违法所得" valuePropName="checked">
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <StepDocumentsFields
          types={stepDocuments.types}
          drafts={stepDocuments.drafts}
          problem={problem}
          form={form}
        />
        {late && (
          <Form.Item
            name="lateReason"
            label={`逾期理由（作出决定期限已于 ${late.dueOn} 届满）`}
            rules={[{ required: true, whitespace: true, message: '请填写逾期理由' }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
      </CaseFormModal>
      {reviewing && (
        <ReviewSubmitModal
          detail={props.detail}
          onClose={() => setReviewing(false)}
          onDone={() => {
            setReviewing(false);
            props.onReload();
          }}
        />
      )}
    </>
  );
}
