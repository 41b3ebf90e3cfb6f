import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { powerWithdrawal, type PowerItem } from '../../../../src/powers/power-list.schema.ts';
import { powersApi } from '../../api/powers.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { isoDate } from '../../ui/dates.ts';

interface Values {
  effectiveFrom?: Dayjs | null;
  reason?: string;
}

const toBody = (v: Values) => ({ effectiveFrom: isoDate(v.effectiveFrom) ?? '', reason: v.reason ?? '' });
const rules = schemaRules<Values>(powerWithdrawal, toBody);

/** 取消事项: a withdrawal is a new version too — dated, with a reason, published after review. */
export function PowerWithdrawModal(props: { item: PowerItem; onClose: () => void; onSaved: () => void }) {
  const { item } = props;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);

  async function save(values: Values) {
    const done = await run(() => powersApi.withdraw(item.id, toBody(values)), '已新建撤销版本（草稿）');
    if (done) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="power-withdraw"
      title={`取消事项：${item.code} ${item.latest.name}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      okText="保存为草稿"
    >
      <Form.Item name="effectiveFrom" label="取消生效日期" required rules={rules('effectiveFrom')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label="取消原因" required rules={rules('reason')}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
