import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Select, Space, Typography } from 'antd';
import {
  hearingRight,
  sanctionKindLabels,
  type ProposedSanction,
  type SanctionKind,
} from '../../../../src/cases/hearing-right.rules.ts';
import { partyTypeOf } from '../../../../src/cases/party.rules.ts';
import { amountKinds, termKinds } from '../../../../src/cases/sanctions.rules.ts';
import type { CaseDetail } from '../../api/cases.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { fenOf } from './cases.labels.ts';
import { amountRule } from '../../ui/amount-rule.ts';

/** One row of the form's list: the kind, and the amount in yuan as typed. */
export interface SanctionRow {
  kind?: SanctionKind;
  amountYuan?: string;
  /** Kinds that last: how long, or (限制从业) for life. */
  termValue?: string;
  termUnit?: 'day' | 'month' | 'year';
  lifelong?: boolean;
}

const termOf = (r: SanctionRow) =>
  r.lifelong
    ? { lifelong: true }
    : r.termValue && /^\d+$/.test(r.termValue)
      ? { term: { value: Number(r.termValue), unit: r.termUnit ?? 'month' } }
      : {};

/** The rows as the API takes them (行政处罚法 §9: `{kind, amountFen?}`), rows without a kind left out. */
export function sanctionsOf(rows: readonly SanctionRow[] | undefined): ProposedSanction[] {
  return (rows ?? [])
    .filter((r): r is SanctionRow & { kind: SanctionKind } => r.kind !== undefined)
    .map((r) =>
      amountKinds.has(r.kind)
        ? { kind: r.kind, amountFen: fenOf(r.amountYuan) ?? 0 }
        : termKinds.has(r.kind)
          ? { kind: r.kind, ...termOf(r) }
          : { kind: r.kind },
    );
}

/** The list as form rows (the case's proposed sanctions start the decision's). */
export function rowsOf(list: readonly ProposedSanction[]): SanctionRow[] {
  return list.map((s) => ({
    kind: s.kind,
    ...(s.amountFen ? { amountYuan: (s.amountFen / 100).toFixed(2) } : {}),
    ...(s.term ? { termValue: String(s.term.value), termUnit: s.term.unit } : {}),
    ...(s.lifelong ? { lifelong: true } : {}),
  }));
}

/**
 * The sanctions of a notice or a decision (行政处罚法 §9) as a list: each a kind of the law, and for a fine
 * or a confiscation its amount in yuan.
 */
export function SanctionsField(props: { name: string | (string | number)[]; label: string; extra?: string }) {
  const form = Form.useFormInstance();
  const rows = (Form.useWatch(props.name, form) ?? []) as SanctionRow[];
  return (
    <Form.Item label={props.label} required extra={props.extra}>
      <Form.List name={props.name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item
                  name={[field.name, 'kind']}
                  rules={[{ required: true, message: '请选择处罚种类' }]}
                  style={{ minWidth: 220, marginBottom: 4 }}
                >
                  <Select
                    aria-label={`处罚种类 ${i + 1}`}
                    options={optionsOf(sanctionKindLabels)}
                    placeholder="处罚种类"
                  />
                </Form.Item>
                {rows[i]?.kind !== undefined && amountKinds.has(rows[i].kind) && (
                  <Form.Item
                    name={[field.name, 'amountYuan']}
                    rules={[{ required: true, message: '请填写金额' }, amountRule]}
                    style={{ marginBottom: 4 }}
                  >
                    <Input
                      aria-label={`金额（元） ${i + 1}`}
                      inputMode="decimal"
                      placeholder={rows[i].kind === 'fine' ? '罚款金额（元）' : '没收价值（元）'}
                    />
                  </Form.Item>
                )}
                {rows[i]?.kind !== undefined && termKinds.has(rows[i].kind) && !rows[i].lifelong && (
                  <Space.Compact style={{ marginBottom: 4 }}>
                    <Form.Item
                      name={[field.name, 'termValue']}
                      noStyle
                      rules={[
                        { required: true, message: '请填写期限' },
                        { pattern: /^[1-9]\d*$/, message: '期限应为正整数' },
                      ]}
                    >
                      <Input
                        aria-label={`期限 ${i + 1}`}
                        inputMode="numeric"
                        placeholder="期限"
                        style={{ width: 90 }}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'termUnit']} noStyle initialValue="month">
                      <Select
                        aria-label={`期限单位 ${i + 1}`}
                        style={{ width: 90 }}
                        options={[
                          { value: 'day', label: '日' },
                          { value: 'month', label: '个月' },
                          { value: 'year', label: '年' },
                        ]}
                      />
                    </Form.Item>
                  </Space.Compact>
                )}
                {rows[i]?.kind === 'employment_restriction' && (
                  <Form.Item
                    name={[field.name, 'lifelong']}
                    valuePropName="checked"
                    style={{ marginBottom: 4 }}
                  >
                    <Checkbox>终身</Checkbox>
                  </Form.Item>
                )}
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={`删除处罚种类 ${i + 1}`}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              添加处罚种类
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Whether the sanctions give the party the hearing right (行政处罚法 §63; 听证办法 §5): the server's rule. */
export function HearingRightNote(props: { detail: CaseDetail; rows: readonly SanctionRow[] | undefined }) {
  const party = props.detail.parties[0];
  const sanctions = sanctionsOf(props.rows);
  if (sanctions.length === 0) return null;
  const right = hearingRight(partyTypeOf(party?.type ?? 'organisation', party?.creditCode), sanctions);
  return (
    <Alert
      type={right.hearingRight ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      title={
        right.hearingRight
          ? '当事人有要求听证的权利：告知书将载明听证权利及五个工作日的申请期限'
          : '不属于听证范围：告知书载明陈述、申辩权利，当事人要求听证的可不予听证'
      }
      description={
        <Typography.Text type="secondary">
          {right.grounds.join('；')}
          {right.grounds.length > 0 ? '。' : ''}依据：{right.basis}
        </Typography.Text>
      }
    />
  );
}

/** The reasons the decision must be deliberated collectively (行政处罚法 §57 ¶2), from the case detail. */
export function DeliberationNote(props: { detail: CaseDetail }) {
  const reasons = props.detail.deliberationRequired;
  if (reasons.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title="须经行政机关负责人集体讨论决定（行政处罚法 §57 ¶2）"
      description={reasons.map((r) => r.label).join('；')}
    />
  );
}
