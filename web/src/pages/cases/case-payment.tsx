import { Alert, Button, DatePicker, Descriptions, Flex, Form, Input, Select, Switch, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { courtResults, onTheSpotGrounds, paymentMethods } from '../../../../src/cases/payment.rules.ts';
import { casesApi, type CaseDetail, type PaymentView } from '../../api/cases.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { isoDate, today } from '../../ui/dates.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { fenOf, yuan } from './cases.labels.ts';
import { useCaseSubmit } from './use-case-submit.ts';
import { offers } from '../../auth/abilities.ts';

type Action =
  | { kind: 'pay' }
  | { kind: 'plan' }
  | { kind: 'decide'; planId: string; approved: boolean }
  | { kind: 'demand' }
  | { kind: 'court' }
  | { kind: 'result' }
  | { kind: 'handover'; paymentId: string; stage: 'to_agency' | 'to_bank' };

const titles: Record<Action['kind'], string> = {
  pay: '登记缴纳罚款',
  plan: '登记暂缓或分期缴纳申请（行政处罚法 §66）',
  decide: '审批暂缓或分期缴纳申请',
  demand: '催告履行（行政强制法 §35、§54）',
  court: '申请人民法院强制执行（行政强制法 §53）',
  result: '登记人民法院执行情况',
  handover: '登记当场收缴罚款的交款（行政处罚法 §71）',
};

/** States in which a fined case is executed (or being made to be). */
export const paymentPanelStates = new Set([
  'served',
  'demanded',
  'court_applied',
  'executed',
  'closed',
  'archived',
]);

/**
 * 罚款缴纳: what the party owes today (the fine or the next instalment, with the surcharge of §72), the payments
 * with their receipts and hand-overs, deferral and instalments (§66), the demand and the application to the
 * court (行政强制法 §53, §54). Shown once a fined decision is served.
 */
export function CasePayment({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const kase = detail.case;
  const head = offers(detail, 'decidePayment');
  const view = useRequest(() => casesApi.payment(kase.id), [kase.id, kase.version]);
  const [action, setAction] = useState<Action | null>(null);
  const v = view.data;
  const done = () => {
    setAction(null);
    view.reload();
    onChanged();
  };
  const stateIs = (...states: string[]) => states.includes(kase.state);
  return (
    <>
      <LoadError error={view.error} retry={view.reload} />
      {v && (
        <Flex vertical gap={12}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label="罚款">{yuan(v.fineFen)}</Descriptions.Item>
            <Descriptions.Item label="已缴（含加处罚款）">
              {yuan(v.paidFen)}（加处罚款 {yuan(v.surchargePaidFen)}）
            </Descriptions.Item>
            {v.due && (
              <>
                <Descriptions.Item label={`应缴（${v.due.asOf}）`}>
                  <strong>{yuan(v.due.totalFen)}</strong>
                  {v.due.surchargeFen > 0 && `（含加处罚款 ${yuan(v.due.surchargeFen)}，行政处罚法 §72）`}
                </Descriptions.Item>
                <Descriptions.Item
                  label={v.due.instalment ? `第 ${v.due.instalment} 期缴纳期限` : '缴纳期限'}
                >
                  {v.due.lastDay} {v.due.overdue && <Tag color="red">已逾期</Tag>}
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
          {v.plans.some((p) => p.status === 'pending') && (
            <Alert type="info" showIcon title="有暂缓或分期缴纳申请待机关负责人审批" />
          )}
          <Flex gap={8} wrap>
            {stateIs('served', 'demanded') && v.due && (
              <Button onClick={() => setAction({ kind: 'pay' })}>登记缴款</Button>
            )}
            {stateIs('served') && v.due && (
              <Button onClick={() => setAction({ kind: 'plan' })}>暂缓/分期申请</Button>
            )}
            {stateIs('served') && v.due?.overdue && (
              <Button onClick={() => setAction({ kind: 'demand' })}>催告</Button>
            )}
            {stateIs('demanded') && head && (
              <Button onClick={() => setAction({ kind: 'court' })}>申请法院强制执行</Button>
            )}
            {stateIs('court_applied', 'closed') &&
              v.execution.some((e) => e.step === 'apply_court_enforcement') && (
                <Button onClick={() => setAction({ kind: 'result' })}>登记法院执行情况</Button>
              )}
          </Flex>
          <PaymentsTable
            view={v}
            onHandover={(paymentId, stage) => setAction({ kind: 'handover', paymentId, stage })}
          />
          {v.plans.length > 0 && (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={v.plans}
              columns={[
                {
                  title: '申请',
                  key: 'kind',
                  render: (_, p) => (p.kind === 'deferral' ? '暂缓缴纳' : '分期缴纳'),
                },
                { title: '申请日期', dataIndex: 'appliedOn', width: 110 },
                {
                  title: '内容',
                  key: 'what',
                  render: (_, p) =>
                    p.kind === 'deferral'
                      ? `暂缓至 ${p.until ?? ''}`
                      : p.instalments.map((i) => `${i.dueOn} ${yuan(i.amountFen)}`).join('；'),
                },
                {
                  title: '审批',
                  key: 'status',
                  render: (_, p) =>
                    p.status === 'pending' ? (
                      head ? (
                        <Flex gap={4}>
                          <Button
                            size="small"
                            onClick={() => setAction({ kind: 'decide', planId: p.id, approved: true })}
                          >
                            批准
                          </Button>
                          <Button
                            size="small"
                            danger
                            onClick={() => setAction({ kind: 'decide', planId: p.id, approved: false })}
                          >
                            不批准
                          </Button>
                        </Flex>
                      ) : (
                        <Tag color="orange">待审批</Tag>
                      )
                    ) : p.status === 'approved' ? (
                      <Tag color="green">已批准（{p.decidedOn}）</Tag>
                    ) : (
                      <Tag>不批准：{p.decisionReason}</Tag>
                    ),
                },
              ]}
            />
          )}
          {v.execution.length > 0 && (
            <Descriptions size="small" column={1} title="催告与强制执行">
              {v.execution.map((e) => (
                <Descriptions.Item key={`${e.step}-${e.on}`} label={e.on}>
                  {e.resultLabel ??
                    { demand_payment: '催告', apply_court_enforcement: '申请人民法院强制执行' }[e.step] ??
                    e.step}
                  {e.lateReason && `（逾期理由：${e.lateReason}）`}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Flex>
      )}
      {action && v && (
        <PaymentActionModal
          detail={detail}
          view={v}
          action={action}
          onClose={() => setAction(null)}
          onDone={done}
        />
      )}
    </>
  );
}

function PaymentsTable(props: {
  view: PaymentView;
  onHandover: (paymentId: string, stage: 'to_agency' | 'to_bank') => void;
}) {
  if (props.view.payments.length === 0) return null;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={props.view.payments}
      columns={[
        { title: '缴纳日期', dataIndex: 'paidOn', width: 110 },
        { title: '方式', dataIndex: 'methodLabel', width: 120 },
        {
          title: '金额',
          key: 'amount',
          render: (_, p) => `${yuan(p.amountFen)}（加处 ${yuan(p.surchargeFen)}）`,
        },
        { title: '凭证', key: 'ref', render: (_, p) => p.bankReceiptRef ?? p.receiptNumber ?? '—' },
        {
          title: '交款',
          key: 'handover',
          render: (_, p) => {
            if (p.method !== 'on_the_spot') return '—';
            const stages = new Set(p.handovers.map((h) => h.stage));
            return (
              <Flex gap={4} wrap>
                {p.handovers.map((h) => (
                  <Tag key={h.stage} color={h.late ? 'red' : 'green'}>
                    {h.stage === 'to_agency' ? '交至机关' : '缴付银行'} {h.handedOn}
                  </Tag>
                ))}
                {!stages.has('to_agency') && (
                  <Button size="small" onClick={() => props.onHandover(p.id, 'to_agency')}>
                    交至机关
                  </Button>
                )}
                {stages.has('to_agency') && !stages.has('to_bank') && (
                  <Button size="small" onClick={() => props.onHandover(p.id, 'to_bank')}>
                    缴付银行
                  </Button>
                )}
              </Flex>
            );
          },
        },
      ]}
    />
  );
}

interface Values {
  on?: Dayjs | null;
  until?: Dayjs | null;
  landedOn?: Dayjs | null;
  amountFen?: string;
  method?: string;
  bankReceiptRef?: string;
  ground?: string;
  receiptNumber?: string;
  partyRequested?: boolean;
  planKind?: 'deferral' | 'instalments';
  application?: string;
  instalments?: string;
  reason?: string;
  serviceMethod?: string;
  documentNumber?: string;
  court?: string;
  noRemedySought?: boolean;
  result?: string;
  note?: string;
  reference?: string;
  lateReason?: string;
}

/** Instalments typed one a line as "YYYY-MM-DD 金额（元）". */
function instalmentsOf(text: string | undefined) {
  return (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [dueOn = '', amount = ''] = l.split(/\s+/);
      return { dueOn, amountFen: fenOf(amount) ?? 0 };
    });
}

function PaymentActionModal(props: {
  detail: CaseDetail;
  view: PaymentView;
  action: Action;
  onClose: () => void;
  onDone: () => void;
}) {
  const { action } = props;
  const kase = props.detail.case;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const method = Form.useWatch('method', form);
  const planKind = Form.useWatch('planKind', form);
  const version = kase.version;
  const id = kase.id;

  async function submit(x: Values) {
    const on = isoDate(x.on) ?? undefined;
    const text = (s: string | undefined) => s?.trim() || null;
    const send = (): Promise<unknown> => {
      switch (action.kind) {
        case 'pay':
          return casesApi.pay(id, {
            version,
            paidOn: on,
            amountFen: fenOf(x.amountFen) ?? 0,
            method: (x.method ?? 'bank') as 'bank',
            bankReceiptRef: text(x.bankReceiptRef),
            ground: x.method === 'on_the_spot' ? ((x.ground ?? null) as 'small_amount' | null) : null,
            receiptNumber: text(x.receiptNumber),
            partyRequested: x.partyRequested ?? false,
            landedOn: isoDate(x.landedOn) ?? null,
            lateReason: text(x.lateReason),
          });
        case 'plan':
          return casesApi.applyPlan(
            id,
            x.planKind === 'instalments'
              ? {
                  version,
                  kind: 'instalments',
                  appliedOn: on,
                  application: x.application ?? '',
                  instalments: instalmentsOf(x.instalments),
                }
              : {
                  version,
                  kind: 'deferral',
                  appliedOn: on,
                  application: x.application ?? '',
                  until: isoDate(x.until) ?? '',
                },
          );
        case 'decide':
          return casesApi.decidePlan(id, action.planId, {
            version,
            on,
            approved: action.approved,
            reason: text(x.reason),
          });
        case 'demand':
          return casesApi.demand(id, {
            version,
            on,
            serviceMethod: (x.serviceMethod ?? 'direct') as 'direct',
            documentNumber: text(x.documentNumber),
          });
        case 'court':
          return casesApi.applyCourt(id, {
            version,
            on,
            court: x.court ?? '',
            noRemedySought: x.noRemedySought ?? false,
            lateReason: text(x.lateReason),
          });
        case 'result':
          return casesApi.courtResult(id, {
            version,
            on,
            result: (x.result ?? 'accepted') as 'accepted',
            amountFen: fenOf(x.amountFen),
            documentNumber: text(x.documentNumber),
            note: text(x.note),
          });
        case 'handover':
          return casesApi.handover(id, action.paymentId, {
            version,
            stage: action.stage,
            on,
            reference: text(x.reference),
            lateReason: text(x.lateReason),
          });
      }
    };
    const ok = await run(async () => {
      await send();
      return true;
    }, '已登记');
    if (ok) props.onDone();
  }

  const due = props.view.due;
  const dateLabel = action.kind === 'pay' ? '缴纳日期' : action.kind === 'demand' ? '催告书送达日期' : '日期';
  return (
    <FormModal<Values>
      name={`payment-${action.kind}`}
      title={
        action.kind === 'decide'
          ? `${titles.decide}：${action.approved ? '批准' : '不批准'}`
          : titles[action.kind]
      }
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(v) => void submit(v)}
      initialValues={{
        on: today(),
        method: 'bank',
        planKind: 'deferral',
        serviceMethod: 'direct',
        amountFen: due ? String(due.totalFen / 100) : undefined,
      }}
      okText="提交"
    >
      <Form.Item name="on" label={dateLabel} rules={[{ required: true, message: `请选择${dateLabel}` }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today())} />
      </Form.Item>
      {action.kind === 'pay' && (
        <>
          <Form.Item name="method" label="缴纳方式">
            <Select options={optionsOf(paymentMethods)} />
          </Form.Item>
          <Form.Item
            name="amountFen"
            label="缴纳金额（元，含加处罚款）"
            rules={[{ required: true, message: '请填写金额' }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          {method === 'on_the_spot' ? (
            <>
              <Form.Item
                name="ground"
                label="当场收缴情形（行政处罚法 §68、§69）"
                rules={[{ required: true, message: '请选择当场收缴的法定情形' }]}
              >
                <Select options={optionsOf(onTheSpotGrounds)} />
              </Form.Item>
              <Form.Item
                name="receiptNumber"
                label="罚款专用票据号码（§70）"
                rules={[{ required: true, whitespace: true, message: '请填写专用票据号码' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="partyRequested" label="当事人提出（§69）" valuePropName="checked">
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
              <Form.Item name="landedOn" label="水上收缴的抵岸日期">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          ) : (
            <Form.Item
              name="bankReceiptRef"
              label="缴款凭证号（§67）"
              rules={[{ required: true, whitespace: true, message: '请填写银行或电子缴款凭证号' }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          )}
        </>
      )}
      {action.kind === 'plan' && (
        <>
          <Form.Item name="planKind" label="申请">
            <Select
              options={[
                { value: 'deferral', label: '暂缓缴纳' },
                { value: 'instalments', label: '分期缴纳' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="application"
            label="申请理由（确有经济困难）"
            rules={[{ required: true, whitespace: true, message: '请填写申请理由' }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {planKind === 'instalments' ? (
            <Form.Item
              name="instalments"
              label="分期（每行一期：日期 金额（元），如 2026-12-31 500）"
              rules={[{ required: true, message: '请填写分期' }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : (
            <Form.Item
              name="until"
              label="暂缓至"
              rules={[{ required: true, message: '请选择暂缓至的日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
        </>
      )}
      {action.kind === 'decide' && (
        <Form.Item
          name="reason"
          label="审批意见"
          rules={action.approved ? [] : [{ required: true, whitespace: true, message: '不批准须说明理由' }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
      {action.kind === 'demand' && (
        <>
          <Form.Item name="serviceMethod" label="送达方式">
            <Select
              options={[
                { value: 'direct', label: '直接送达' },
                { value: 'mail', label: '邮寄送达' },
                { value: 'electronic', label: '电子送达' },
                { value: 'left_at_address', label: '留置送达' },
                { value: 'public_notice', label: '公告送达' },
              ]}
            />
          </Form.Item>
          <Form.Item name="documentNumber" label="催告书文号">
            <Input maxLength={100} />
          </Form.Item>
        </>
      )}
      {action.kind === 'court' && (
        <>
          <Form.Item
            name="court"
            label="受理申请的人民法院"
            rules={[{ required: true, whitespace: true, message: '请填写人民法院' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="noRemedySought"
            label="当事人在法定期限内未申请行政复议或者提起行政诉讼"
            valuePropName="checked"
          >
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </>
      )}
      {action.kind === 'result' && (
        <>
          <Form.Item name="result" label="执行情况" rules={[{ required: true, message: '请选择执行情况' }]}>
            <Select options={optionsOf(courtResults)} />
          </Form.Item>
          <Form.Item name="amountFen" label="执行到位金额（元）">
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="documentNumber" label="法院文书文号">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      )}
      {action.kind === 'handover' && (
        <Form.Item name="reference" label={action.stage === 'to_agency' ? '机关收款凭证号' : '银行缴款单号'}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      {(action.kind === 'pay' || action.kind === 'court' || action.kind === 'handover') && (
        <Form.Item name="lateReason" label="逾期理由（逾期办理时填写）">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
    </FormModal>
  );
}
