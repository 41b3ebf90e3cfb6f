import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  reasonBody,
  reviewNote,
  withdrawalBody,
  type PublicationSummary,
} from '../../../../src/publicity/publications.schema.ts';
import { publicationsApi } from '../../api/publications.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { isoDate, today } from '../../ui/dates.ts';

export type PublicationAction = 'approve' | 'return' | 'withdraw';

interface Values {
  note?: string;
  reason?: string;
  occurredOn?: Dayjs | null;
}

const noteRules = schemaRules<Values>(reviewNote, (v) => ({ note: v.note ?? '' }));
const returnRules = schemaRules<Values>(reasonBody, (v) => ({ reason: v.reason ?? '' }));
const withdrawBody = (v: Values) => ({ reason: v.reason ?? '', occurredOn: isoDate(v.occurredOn) ?? '' });
const withdrawRules = schemaRules<Values>(withdrawalBody, withdrawBody);

const titles: Record<PublicationAction, string> = {
  approve: '审核发布',
  return: '退回修改',
  withdraw: '撤回公示',
};

/**
 * The publisher's steps on a publication: publish after review, return with a reason, or withdraw with a
 * public reason (mandatory) and the day the decision was changed, revoked or found illegal.
 */
export function PublicationActionModal(props: {
  publication: PublicationSummary;
  action: PublicationAction;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { publication: p, action } = props;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);

  async function save(values: Values) {
    const done = await run(
      () =>
        action === 'approve'
          ? publicationsApi.approve(p.id, values.note ?? '')
          : action === 'return'
            ? publicationsApi.return(p.id, values.reason ?? '')
            : publicationsApi.withdraw(p.id, withdrawBody(values)),
      action === 'approve'
        ? `${p.documentNumber} 已发布`
        : action === 'return'
          ? '已退回修改'
          : `${p.documentNumber} 已撤回`,
    );
    if (done) props.onSaved();
  }

  return (
    <FormModal<Values>
      name={`publication-${action}`}
      title={`${titles[action]}：${p.documentNumber}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      okText={action === 'approve' ? '审核通过并发布' : titles[action]}
      initialValues={action === 'withdraw' ? { occurredOn: today() } : {}}
    >
      <p>
        {p.title}（{p.partyName}）
      </p>
      {action === 'approve' && (
        <Form.Item name="note" label="审核意见（可不填）" rules={noteRules('note')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      )}
      {action === 'return' && (
        <Form.Item name="reason" label="退回理由" required rules={returnRules('reason')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      )}
      {action === 'withdraw' && (
        <>
          <Form.Item
            name="occurredOn"
            label="决定被变更、撤销或确认违法之日"
            required
            validateFirst
            rules={[{ required: true, message: '请选择日期' }, ...withdrawRules('occurredOn')]}
            extra="应在该日起 3 个工作日内撤回"
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label="撤回理由（将在门户公开）" required rules={withdrawRules('reason')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
