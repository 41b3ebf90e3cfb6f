import { Form, Input, Select, Switch } from 'antd';
import { personPatch, type Person } from '../../../../src/org/org.schema.ts';
import { orgApi, type PersonPatch } from '../../api/org.ts';
import { changedFields, isEmpty } from '../../forms/changed.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { useUnitOptions } from './use-units.ts';

interface Values {
  name?: string;
  unitId?: string | null;
  post?: string;
  phone?: string | null;
  active?: boolean;
}

const toBody = (v: Values): PersonPatch => ({
  name: v.name ?? '',
  unitId: v.unitId ?? null,
  post: v.post ?? '',
  phone: v.phone?.trim() ? v.phone : null,
  active: v.active ?? true,
});

const rules = schemaRules<Values>(personPatch, toBody);

/** 编辑人员: name, unit, post, phone, and whether the person is still in service (停用 ends sign-in). */
export function PersonEditModal(props: { person: Person; onClose: () => void; onSaved: () => void }) {
  const { person } = props;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run, unchanged } = useSubmit(form);
  const units = useUnitOptions(person.agencyId);

  async function save(values: Values) {
    const patch = changedFields<PersonPatch>(toBody(person), toBody(values));
    if (isEmpty(patch)) {
      unchanged();
      props.onClose();
      return;
    }
    const saved = await run(() => orgApi.updatePerson(person.id, patch), '人员信息已保存');
    if (saved) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="person-edit"
      title={`编辑人员：${person.name}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={person}
    >
      <Form.Item name="name" label="姓名" required rules={rules('name')}>
        <Input />
      </Form.Item>
      <Form.Item name="unitId" label="内设机构" rules={rules('unitId')}>
        <Select options={units.options} loading={units.loading} allowClear placeholder="不属于内设机构" />
      </Form.Item>
      <Form.Item name="post" label="职务" rules={rules('post')}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label="联系电话" rules={rules('phone')}>
        <Input inputMode="tel" />
      </Form.Item>
      <Form.Item
        name="active"
        label="在岗"
        valuePropName="checked"
        extra="停用后该人员不能再登录，也不能被指派办案"
      >
        <Switch checkedChildren="在岗" unCheckedChildren="停用" />
      </Form.Item>
    </FormModal>
  );
}
