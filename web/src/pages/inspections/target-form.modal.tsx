import { Form, Input, Select, Switch } from 'antd';
import { targetInput, targetPatch } from '../../../../src/inspections/targets.schema.ts';
import { inspectionsApi, type Target, type TargetInput, type TargetPatch } from '../../api/inspections.ts';
import { changedFields, isEmpty } from '../../forms/changed.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { fieldOptions } from '../../ui/labels.tsx';
import { gradeOptions } from './inspections.labels.ts';

type Values = TargetInput & { active?: boolean; reason?: string };

const addBody = (v: Partial<Values>): TargetInput => ({
  creditCode: v.creditCode ?? '',
  name: v.name ?? '',
  address: v.address ?? '',
  field: v.field as TargetInput['field'],
  riskGrade: v.riskGrade as TargetInput['riskGrade'],
});
const patchBody = (v: Partial<Values>) => ({
  name: v.name ?? '',
  address: v.address ?? '',
  field: v.field,
  riskGrade: v.riskGrade,
  active: v.active,
  reason: v.reason ?? '',
});
const addRules = schemaRules<Values>(targetInput, addBody);
const changeRules = schemaRules<Values>(targetPatch, patchBody);

/**
 * 新增检查对象, or 变更 one: a change names only what changed, and always why (the history keeps both).
 */
export function TargetFormModal(props: { target?: Target; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run, unchanged } = useSubmit(form);
  const t = props.target;
  const rules = t ? changeRules : addRules;

  async function finish(values: Values) {
    if (!t) {
      const input = addBody(values);
      if (await run(() => inspectionsApi.addTarget(input), `已将「${input.name}」入库`)) props.onSaved();
      return;
    }
    const before = {
      name: t.name,
      address: t.address,
      field: t.field,
      riskGrade: t.riskGrade,
      active: t.active,
    } as Partial<TargetPatch>;
    const { reason, ...rest } = patchBody(values);
    const changes = changedFields(before, rest as Partial<TargetPatch>);
    if (isEmpty(changes)) return unchanged();
    const patch = { ...changes, reason };
    if (await run(() => inspectionsApi.changeTarget(t.id, patch), `已变更「${t.name}」`)) props.onSaved();
  }

  return (
    <FormModal<Values>
      name={t ? 'target-change' : 'target-add'}
      title={t ? `变更检查对象：${t.name}` : '新增检查对象'}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(v) => void finish(v)}
      initialValues={t ? ({ ...t } as Partial<Values>) : { address: '' }}
    >
      <Form.Item name="creditCode" label="统一社会信用代码" rules={t ? [] : rules('creditCode')}>
        <Input disabled={!!t} maxLength={18} />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={rules('name')}>
        <Input />
      </Form.Item>
      <Form.Item name="address" label="地址" rules={rules('address')}>
        <Input />
      </Form.Item>
      <Form.Item name="field" label="监管领域" rules={rules('field')}>
        <Select options={fieldOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="riskGrade" label="风险等级" rules={rules('riskGrade')}>
        <Select options={gradeOptions} />
      </Form.Item>
      {t && (
        <>
          <Form.Item name="active" label="在库" valuePropName="checked">
            <Switch checkedChildren="在库" unCheckedChildren="移出" />
          </Form.Item>
          <Form.Item name="reason" label="变更原因" rules={rules('reason')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
