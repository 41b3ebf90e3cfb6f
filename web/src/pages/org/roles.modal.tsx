import { Alert, Checkbox, Form } from 'antd';
import { rolesInput, type Person } from '../../../../src/org/org.schema.ts';
import { roleLabels, rolesRequiringTotp } from '../../../../src/platform/auth/roles.ts';
import { orgApi } from '../../api/org.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { labelOf, roleOptions } from '../../ui/labels.tsx';

interface Values {
  roles: string[];
}

const rules = schemaRules<Values>(rolesInput, (v) => ({ roles: v.roles }));
const totpRoles = [...rolesRequiringTotp].map((r) => labelOf(roleLabels, r)).join('、');

/** 设置角色: the roles a person holds in their agency, replaced as a whole. */
export function RolesModal(props: { person: Person; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);

  async function save({ roles }: Values) {
    const saved = await run(() => orgApi.setRoles(props.person.id, roles), '角色已更新');
    if (saved) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="roles"
      title={`设置角色：${props.person.name}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={{ roles: props.person.roles }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`${totpRoles}须绑定动态验证码后才能使用`}
      />
      <Form.Item name="roles" label="角色" rules={rules('roles')}>
        <Checkbox.Group
          options={roleOptions}
          style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}
        />
      </Form.Item>
    </FormModal>
  );
}
