import { amountRule } from '../../ui/amount-rule.ts';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Tabs,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../forms/problem-alert.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { isoDate, today } from '../../ui/dates.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { sanctionKindLabels } from '../../../../src/cases/hearing-right.rules.ts';
import { partyTypeLabels } from '../../../../src/cases/party.rules.ts';
import { calculatorPeriods, periodRules } from '../../../../src/calculator/periods.ts';
import { fenOf } from '../cases/cases.labels.ts';

/**
 * 期限计算 (issue 13): the public deadline calculator (POST /api/v1/rules/*) in the workbench, one tab per
 * calculation. Dates are China dates; every answer shows its basis and the steps of its count (which days
 * were counted, skipped or excluded, and why). A refusal's field errors land on their fields.
 */

interface Step {
  kind: string;
  text: string;
}
interface Answer {
  title: string;
  lines: string[];
  basis: string;
  steps: Step[];
  warnings: string[];
}

const periodOptions = calculatorPeriods.map((p) => ({ value: p, label: periodRules[p].label }));
const partyOptions = optionsOf(partyTypeLabels);
const sanctionOptions = optionsOf(sanctionKindLabels);
const fieldOptions = [
  { value: 'food', label: '食品' },
  { value: 'drugs', label: '药品' },
  { value: 'special_equipment', label: '特种设备' },
];

function AnswerCard({ answer }: { answer: Answer | null }) {
  if (!answer) return null;
  return (
    <Card size="small" title={answer.title} style={{ marginTop: 16 }} data-testid="calculator-answer">
      {answer.lines.map((line) => (
        <Typography.Paragraph key={line} strong>
          {line}
        </Typography.Paragraph>
      ))}
      {answer.warnings.map((w) => (
        <Typography.Paragraph key={w} type="warning">
          {w}
        </Typography.Paragraph>
      ))}
      {answer.steps.length > 0 && (
        <ol style={{ paddingLeft: 20 }}>
          {answer.steps.map((s, i) => (
            <li key={i}>{s.text}</li>
          ))}
        </ol>
      )}
      <Typography.Paragraph type="secondary">依据：{answer.basis}</Typography.Paragraph>
    </Card>
  );
}

/** One calculation's form: it posts the body `toBody` builds and shows the answer `toAnswer` makes. */
function CalculatorForm<V extends object, R>(props: {
  name: string;
  path: string;
  initialValues?: Partial<V>;
  toBody: (values: V) => unknown;
  toAnswer: (result: R) => Answer;
  children: ReactNode;
}) {
  const [form] = Form.useForm<V>();
  const { submitting, problem, run } = useSubmit(form);
  const [answer, setAnswer] = useState<Answer | null>(null);
  async function submit(values: V) {
    setAnswer(null);
    const result = await run(
      () => api.post<R>(`/api/v1/rules/${props.path}`, props.toBody(values)),
      '已计算',
    );
    if (result) setAnswer(props.toAnswer(result));
  }
  return (
    <>
      <Form<V>
        form={form}
        name={props.name}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={(v) => void submit(v)}
      >
        {props.children}
        <ProblemAlert problem={problem} />
        <Button type="primary" htmlType="submit" loading={submitting}>
          计算
        </Button>
      </Form>
      <AnswerCard answer={answer} />
    </>
  );
}

const half = { xs: 24, sm: 12, lg: 8 };
const dateItem = (name: string | (string | number)[], label: string) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
    <DatePicker style={{ width: '100%' }} />
  </Form.Item>
);
const warningsOf = (w: { message: string }[] | undefined) => (w ?? []).map((x) => x.message);

interface PeriodValues {
  period: string;
  from: Dayjs;
  extended?: boolean;
}
interface PeriodResult {
  label: string;
  lastDay: string;
  basis: string;
  steps: Step[];
  warnings: { message: string }[];
}

function PeriodTab() {
  return (
    <CalculatorForm<PeriodValues, PeriodResult>
      name="calculator-periods"
      path="periods"
      initialValues={{ period: 'service', extended: false }}
      toBody={(v) => ({ period: v.period, from: isoDate(v.from), extended: v.extended ?? false })}
      toAnswer={(r) => ({
        title: r.label,
        lines: [`期间届满日：${r.lastDay}`],
        basis: r.basis,
        steps: r.steps,
        warnings: warningsOf(r.warnings),
      })}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="period" label="期限" rules={[{ required: true, message: '请选择期限' }]}>
            <Select options={periodOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col {...half}>{dateItem('from', '起算日')}</Col>
        <Col {...half}>
          <Form.Item name="extended" label="已经批准延长" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
      </Row>
    </CalculatorForm>
  );
}

interface SurchargeValues {
  fineFen: string;
  receivedOn: Dayjs;
  paidOn: Dayjs;
}
interface SurchargeResult {
  lastDay: string;
  daysLate: number;
  surchargeFen: number;
  basis: string;
  steps: Step[];
  warnings: { message: string }[];
}

function SurchargeTab() {
  return (
    <CalculatorForm<SurchargeValues, SurchargeResult>
      name="calculator-surcharge"
      path="surcharge"
      toBody={(v) => ({
        fineFen: fenOf(v.fineFen),
        receivedOn: isoDate(v.receivedOn),
        paidOn: isoDate(v.paidOn),
      })}
      toAnswer={(r) => ({
        title: '加处罚款',
        lines: [
          `缴纳期限最后一日：${r.lastDay}`,
          `逾期 ${r.daysLate} 日，加处罚款 ${(r.surchargeFen / 100).toFixed(2)} 元`,
        ],
        basis: r.basis,
        steps: r.steps,
        warnings: warningsOf(r.warnings),
      })}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="fineFen"
            label="罚款数额（元）"
            rules={[{ required: true, message: '请填写罚款数额' }, amountRule]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col {...half}>{dateItem('receivedOn', '收到处罚决定书之日')}</Col>
        <Col {...half}>{dateItem('paidOn', '实际缴纳之日')}</Col>
      </Row>
    </CalculatorForm>
  );
}

interface SanctionValues {
  party: { type: string };
  sanctions: { kind: string; amountFen?: string }[];
}

const sanctionFields = (
  <Row gutter={16}>
    <Col {...half}>
      <Form.Item
        name={['party', 'type']}
        label="当事人类型"
        rules={[{ required: true, message: '请选择当事人类型' }]}
      >
        <Select options={partyOptions} />
      </Form.Item>
    </Col>
    <Col {...half}>
      <Form.Item
        name={['sanctions', 0, 'kind']}
        label="拟作出的处罚"
        rules={[{ required: true, message: '请选择处罚种类' }]}
      >
        <Select options={sanctionOptions} />
      </Form.Item>
    </Col>
    <Col {...half}>
      <Form.Item name={['sanctions', 0, 'amountFen']} label="罚款或没收数额（元）" rules={[amountRule]}>
        <Input inputMode="decimal" />
      </Form.Item>
    </Col>
  </Row>
);

const sanctionBody = (v: SanctionValues) => ({
  party: { type: v.party.type },
  sanctions: v.sanctions.map((s) => {
    const amountFen = fenOf(s.amountFen);
    return amountFen === null ? { kind: s.kind } : { kind: s.kind, amountFen };
  }),
});
const sanctionDefaults = { party: { type: 'organisation' }, sanctions: [{ kind: 'fine' }] };

function SummaryTab() {
  return (
    <CalculatorForm<
      SanctionValues & { officers: number },
      { allowed: boolean; problems: { message: string }[]; basis: string }
    >
      name="calculator-summary"
      path="summary-procedure"
      initialValues={{ ...sanctionDefaults, officers: 2 }}
      toBody={(v) => ({ ...sanctionBody(v), officers: v.officers })}
      toAnswer={(r) => ({
        title: '简易程序',
        lines: [
          r.allowed ? '可以适用简易程序当场作出处罚' : '不能适用简易程序',
          ...r.problems.map((p) => p.message),
        ],
        basis: r.basis,
        steps: [],
        warnings: [],
      })}
    >
      {sanctionFields}
      <Form.Item name="officers" label="在场执法人员人数" rules={[{ required: true, message: '请填写人数' }]}>
        <InputNumber min={0} max={100} />
      </Form.Item>
    </CalculatorForm>
  );
}

function HearingTab() {
  return (
    <CalculatorForm<SanctionValues, { hearingRight: boolean; grounds: string[]; basis: string }>
      name="calculator-hearing"
      path="hearing-right"
      initialValues={sanctionDefaults}
      toBody={sanctionBody}
      toAnswer={(r) => ({
        title: '听证权利',
        lines: [
          r.hearingRight ? '应当告知当事人有要求听证的权利' : '不属于应当告知听证权利的处罚',
          ...r.grounds,
        ],
        basis: r.basis,
        steps: [],
        warnings: [],
      })}
    >
      {sanctionFields}
    </CalculatorForm>
  );
}

interface PublicityValues extends SanctionValues {
  field?: string;
  publishedOn: Dayjs;
  procedure?: 'ordinary' | 'summary';
}

function PublicityTab() {
  return (
    <CalculatorForm<
      PublicityValues,
      {
        published: boolean;
        endsOn: string | null;
        earlyEndFrom: string | null;
        basis: string;
        steps: string[];
      }
    >
      name="calculator-publicity"
      path="publicity"
      initialValues={{ ...sanctionDefaults, procedure: 'ordinary' }}
      toBody={(v) => ({
        ...sanctionBody(v),
        field: v.field ?? null,
        publishedOn: isoDate(v.publishedOn),
        procedure: v.procedure ?? 'ordinary',
      })}
      toAnswer={(r) => ({
        title: '公示期限',
        lines: r.published
          ? [`公示至：${r.endsOn ?? '持续公示'}`, `可申请提前停止公示：${r.earlyEndFrom ?? '不得提前停止'}`]
          : ['不予公示'],
        basis: r.basis,
        steps: r.steps.map((text) => ({ kind: 'counted', text })),
        warnings: [],
      })}
    >
      {sanctionFields}
      <Row gutter={16}>
        <Col {...half}>{dateItem('publishedOn', '公示之日')}</Col>
        <Col {...half}>
          <Form.Item name="field" label="执法领域">
            <Select options={fieldOptions} allowClear placeholder="其他领域" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="procedure" label="程序">
            <Select
              options={[
                { value: 'ordinary', label: '普通程序' },
                { value: 'summary', label: '简易程序' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
    </CalculatorForm>
  );
}

interface TimeBarValues {
  actEndedOn: Dayjs;
  discoveredOn: Dayjs;
  harm?: boolean;
}

function TimeBarTab() {
  return (
    <CalculatorForm<TimeBarValues, { barred: boolean; lastDay: string; basis: string }>
      name="calculator-time-bar"
      path="time-bar"
      initialValues={{ harm: false, discoveredOn: today() }}
      toBody={(v) => ({
        actEndedOn: isoDate(v.actEndedOn),
        discoveredOn: isoDate(v.discoveredOn),
        harm: v.harm ?? false,
      })}
      toAnswer={(r) => ({
        title: '追责时效',
        lines: [
          r.barred
            ? `已过追责时效（最后一日 ${r.lastDay}），不再给予行政处罚`
            : `未过追责时效，时效至 ${r.lastDay}`,
        ],
        basis: r.basis,
        steps: [],
        warnings: [],
      })}
    >
      <Row gutter={16}>
        <Col {...half}>{dateItem('actEndedOn', '违法行为终了之日')}</Col>
        <Col {...half}>{dateItem('discoveredOn', '发现之日')}</Col>
        <Col {...half}>
          <Form.Item name="harm" label="涉及公民生命健康安全、金融安全且有危害后果" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
      </Row>
    </CalculatorForm>
  );
}

export function CalculatorPage() {
  return (
    <>
      <PageHeader title="期限计算" />
      <Tabs
        items={[
          { key: 'periods', label: '期限', children: <PeriodTab /> },
          { key: 'surcharge', label: '加处罚款', children: <SurchargeTab /> },
          { key: 'summary', label: '简易程序', children: <SummaryTab /> },
          { key: 'hearing', label: '听证权利', children: <HearingTab /> },
          { key: 'publicity', label: '公示期限', children: <PublicityTab /> },
          { key: 'time-bar', label: '追责时效', children: <TimeBarTab /> },
        ]}
      />
    </>
  );
}
