import { Form, Input } from 'antd';
import { rejection, type PowerItem } from '../../../../src/powers/power-list.schema.ts';
import { powersApi } from '../../api/powers.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';

export type ReviewAction = 'approve' | 'reject';

interface Values {
  note?: string;
}

const rejectRules = schemaRules<Values>(rejection, (v) => ({ note: v.note ?? '' }));

/** 审核发布 / 退回修改 (S-2.3): the publisher's decision on the submitted version, with a note. */
export function PowerReviewModal(props: {
  item: PowerItem;
  action: ReviewAction;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { item, action } = props;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  const approve = action === 'approve';

  async function save(values: Values) {
    const note = values.note ?? '';
    const done = await run(
      () => (approve ? powersApi.approve(item.id, note) : powersApi.reject(item.id, note)),
      approve ? `第 ${item.latest.version} 版已发布` : `第 ${item.latest.version} 版已退回`,
    );
    if (done) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="power-review"
      title={`${approve ? '审核发布' : '退回修改'}：${item.code} ${item.latest.name}（第 ${item.latest.version} 版）`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      okText={approve ? '审核通过并发布' : '退回'}
    >
      <p>
        生效日期 {item.latest.effectiveFrom}；变更原因：{item.latest.reason}
      </p>
      <Form.Item
        name="note"
        label={approve ? '审核意见（可不填）' : '退回理由'}
        required={!approve}
        rules={approve ? [] : rejectRules('note')}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
