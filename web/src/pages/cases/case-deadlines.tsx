import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { DeadlineView } from '../../../../src/cases/case-view.ts';
import {
  suspensionKindLabels,
  suspensionKinds,
  type SuspensionKind,
} from '../../../../src/cases/excluded-time.rules.ts';
import { casesApi, type CaseDetail, type ExtensionBody } from '../../api/cases.ts';
import { isoDate, today } from '../../ui/dates.ts';
import { useRequest } from '../../ui/use-request.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { extensionCodeLabels } from './cases.labels.ts';
import { Countdown } from './countdown.tsx';
import { useCaseSubmit } from './use-case-submit.ts';
import { offers } from '../../auth/abilities.ts';

type Dialog = 'suspend' | 'resume' | 'extend';

/** 法定期限: each period with its basis and countdown in working days; suspension, resumption, extension. */
export function CaseDeadlines(props: { detail: CaseDetail; onChanged: () => void }) {
  const { detail } = props;
  const kase = detail.case;
  const countdowns = useRequest(() => casesApi.countdowns(kase.id), [kase.id, kase.version, kase.updatedAt]);
  const left = new Map((countdowns.data?.items ?? []).map((c) => [c.id, c.workingDaysLeft]));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const mayManage = !kase.final && offers(detail, 'suspend');
  const done = () => {
    setDialog(null);
    props.onChanged();
  };
  return (
    <>
      {kase.suspendedSince && (
        <Typography.Paragraph type="warning">
          案件自 {kase.suspendedSince} 起中止（{suspensionKindLabels[kase.suspensionKind ?? 'other']}
          ），法律规定扣除该期间的期限停止计算
          {kase.suspensionKind === 'hearing' ? '；听证期间可以办理听证环节' : ''}。
        </Typography.Paragraph>
      )}
      <Table<DeadlineView>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.deadlines}
        columns={[
          { title: '期限', dataIndex: 'label', render: (l: string, d) => <span title={d.basis}>{l}</span> },
          { title: '起算日', dataIndex: 'openedOn' },
          { title: '截止日', dataIndex: 'dueOn' },
          {
            title: '状态',
            key: 'status',
            render: (_, d) => {
              if (d.endedReason) return <Tag>已终结（{d.endedReason}）</Tag>;
              if (d.metOn)
                return (
                  <Tag color={d.late ? 'orange' : 'green'}>
                    {d.late ? `逾期办结 ${d.metOn}` : `已办结 ${d.metOn}`}
                  </Tag>
                );
              const days = left.get(d.id);
              return days === undefined ? (
                <Tag>{d.overdue ? '已逾期' : '进行中'}</Tag>
              ) : (
                <Countdown workingDaysLeft={days} dueOn={d.dueOn} />
              );
            },
          },
          {
            title: '扣除期间',
            key: 'exclusions',
            render: (_, d) =>
              d.exclusions.length === 0
                ? '—'
                : d.exclusions.map((e) => (
                    <div key={`${e.from}-${e.kind}`}>
                      <Tag color={e.applied ? 'blue' : 'default'}>{e.applied ? '已扣除' : '不扣除'}</Tag>
                      {e.text}
                    </div>
                  )),
          },
          { title: '依据', dataIndex: 'basis', responsive: ['lg'] },
        ]}
      />
      {kase.suspensions.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          中止记录：
          {kase.suspensions
            .map((s) => `${s.from} 至 ${s.to}（${suspensionKindLabels[s.kind]}：${s.reason}）`)
            .join('；')}
        </Typography.Paragraph>
      )}
      {mayManage && (
        <Space wrap style={{ marginTop: 12 }}>
          {kase.suspendedSince ? (
            <Button onClick={() => setDialog('resume')}>恢复办理</Button>
          ) : (
            <Button onClick={() => setDialog('suspend')}>中止案件</Button>
          )}
          <Button onClick={() => setDialog('extend')}>延长期限</Button>
        </Space>
      )}
      {dialog && (
        <DeadlineModal kind={dialog} detail={detail} onClose={() => setDialog(null)} onDone={done} />
      )}
    </>
  );
}

interface Values {
  on?: Dayjs | null;
  kind?: SuspensionKind;
  reason?: string;
  code?: ExtensionBody['code'];
  deliberatedDays?: number | null;
}

function DeadlineModal(props: { kind: Dialog; detail: CaseDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const kase = props.detail.case;
  const titles = { suspend: '中止案件', resume: '恢复办理', extend: '延长法定期限' } as const;
  const codes = new Set(props.detail.deadlines.filter((d) => !d.metOn).map((d) => d.code));
  const codeOptions = Object.entries(extensionCodeLabels)
    .filter(([code]) => codes.has(code as never))
    .map(([value, label]) => ({ value, label }));

  function submit(v: Values) {
    const on = isoDate(v.on);
    const action =
      props.kind === 'suspend'
        ? () =>
            casesApi.suspend(kase.id, {
              version: kase.version,
              on,
              kind: v.kind ?? 'other',
              reason: v.reason ?? '',
            })
        : props.kind === 'resume'
          ? () => casesApi.resume(kase.id, { version: kase.version, on })
          : () =>
              casesApi.extend(kase.id, {
                version: kase.version,
                on,
                code: v.code ?? 'decision',
                reason: v.reason ?? '',
                deliberatedDays: v.deliberatedDays ?? null,
              });
    void run(action, `已${titles[props.kind]}`).then((r) => r && props.onDone());
  }

  return (
    <CaseFormModal<Values>
      name={`deadline-${props.kind}`}
      title={titles[props.kind]}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onReload={props.onDone}
      onFinish={submit}
      initialValues={{ on: today(), code: codeOptions[0]?.value as Values['code'] }}
    >
      <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      {props.kind === 'suspend' && (
        <Form.Item
          name="kind"
          label="中止（期间扣除）事由"
          extra="检验检测鉴定期间从查封扣押、线索核查和九十日办案期限中扣除；听证、公告和其他中止事由只从九十日办案期限中扣除"
          rules={[{ required: true, message: '请选择事由类型' }]}
        >
          <Select options={suspensionKinds.map((k) => ({ value: k, label: suspensionKindLabels[k] }))} />
        </Form.Item>
      )}
      {props.kind === 'extend' && (
        <>
          <Form.Item name="code" label="延长的期限" rules={[{ required: true, message: '请选择期限' }]}>
            <Select options={codeOptions} />
          </Form.Item>
          <Form.Item name="deliberatedDays" label="集体讨论决定再延长的天数（仅作出决定期限）">
            <InputNumber min={1} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      {props.kind !== 'resume' && (
        <Form.Item
          name="reason"
          label={props.kind === 'suspend' ? '中止理由' : '延长理由及批准情况'}
          rules={[{ required: true, whitespace: true, message: '请填写理由' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
    </CaseFormModal>
  );
}
