import { Form, Input, Select, Switch } from 'antd';
import { unitKindLabels, unitPatch, type Unit } from '../../../../src/org/org.schema.ts';
import { orgApi, type UnitPatch } from '../../api/org.ts';
import { changedFields, isEmpty } from '../../forms/changed.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { optionsOf } from '../../ui/labels.tsx';

interface Values {
  name?: string;
  kind?: Unit['kind'];
  active?: boolean;
}

const toBody = (v: Values) => ({ name: v.name ?? '', kind: v.kind ?? 'internal', active: v.active ?? true });

// unitPatch is unitInput with every field optional plus `active`; the form always holds all three.
const rules = schemaRules<Values>(unitPatch.required({ name: true, kind: true }), toBody);

/** Creates a unit in an agency, or edits one (name, kind, in use or not). */
export function UnitFormModal(props: {
  agencyId: string;
  unit?: Unit;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run, unchanged } = useSubmit(form);
  const editing = props.unit;

  async function save(values: Values) {
    const { name, kind } = toBody(values);
    if (!editing) {
      if (await run(() => orgApi.createUnit(props.agencyId, { name, kind }), '已新增内设机构'))
        props.onSaved();
      return;
    }
    const patch = changedFields<UnitPatch>(toBody(editing), toBody(values));
    if (isEmpty(patch)) {
      unchanged();
      props.onClose();
      return;
    }
    if (await run(() => orgApi.updateUnit(editing.id, patch), '内设机构已保存')) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="unit"
      title={editing ? `编辑内设机构：${editing.name}` : '新增内设机构'}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={editing ?? { kind: 'internal', active: true }}
    >
      <Form.Item name="name" label="机构名称" required rules={rules('name')}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label="机构类别" required rules={rules('kind')}>
        <Select options={optionsOf(unitKindLabels)} />
      </Form.Item>
      {editing && (
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      )}
    </FormModal>
  );
}
