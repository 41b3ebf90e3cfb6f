import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Divider, Drawer, Flex, Form, Input, Select, Switch } from 'antd';
import { personInput } from '../../../../src/org/org.schema.ts';
import { orgApi, type PersonInput } from '../../api/org.ts';
import { ProblemAlert } from '../../forms/problem-alert.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { roleOptions } from '../../ui/labels.tsx';
import { certificateBody, CertificateFields, type CertificateValues } from './certificate-fields.tsx';
import { useUnitOptions } from './use-units.ts';

interface Values {
  name?: string;
  unitId?: string | null;
  post?: string;
  phone?: string;
  roles?: string[];
  withAccount?: boolean;
  account?: { username?: string; password?: string };
  certificates?: CertificateValues[];
}

const toBody = (v: Values): PersonInput => ({
  name: v.name ?? '',
  unitId: v.unitId ?? null,
  post: v.post ?? '',
  phone: v.phone?.trim() ? v.phone : null,
  roles: (v.roles ?? []) as PersonInput['roles'],
  ...(v.withAccount
    ? { account: { username: v.account?.username ?? '', password: v.account?.password ?? '' } }
    : {}),
  certificates: (v.certificates ?? []).map(certificateBody),
});

const rules = schemaRules<Values>(personInput, toBody);

/** 新增人员: the person, optionally a sign-in account and roles, and any number of certificates at once. */
export function PersonCreateDrawer(props: { agencyId: string; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  const units = useUnitOptions(props.agencyId);
  const withAccount = Form.useWatch('withAccount', form);

  async function save(values: Values) {
    const saved = await run(() => orgApi.createPerson(toBody(values)), `已新增人员：${values.name ?? ''}`);
    if (saved) props.onSaved();
  }

  return (
    <Drawer
      open
      title="新增人员"
      size={640}
      mask={{ closable: false }}
      onClose={props.onClose}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={props.onClose}>取消</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()}>
            保存
          </Button>
        </Flex>
      }
    >
      <ProblemAlert problem={problem} />
      <Form<Values>
        name="person-create"
        form={form}
        layout="vertical"
        initialValues={{ roles: ['officer'], withAccount: false, certificates: [] }}
        onFinish={(values) => void save(values)}
        scrollToFirstError
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
        <Form.Item name="roles" label="角色" rules={rules('roles')}>
          <Select mode="multiple" options={roleOptions} />
        </Form.Item>

        <Divider titlePlacement="start">登录账号</Divider>
        <Form.Item name="withAccount" label="为其开通登录账号" valuePropName="checked">
          <Switch checkedChildren="开通" unCheckedChildren="不开通" />
        </Form.Item>
        {withAccount && (
          <>
            <Form.Item
              name={['account', 'username']}
              label="用户名"
              required
              rules={rules('account', 'username')}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name={['account', 'password']}
              label="初始密码"
              required
              rules={rules('account', 'password')}
              extra="首次登录后请本人修改"
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}

        <Divider titlePlacement="start">行政执法证</Divider>
        <Form.List name="certificates">
          {(fields, { add, remove }) => (
            <Flex vertical gap={16}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`执法证 ${index + 1}`}
                  data-testid={`certificate-${index}`}
                  extra={
                    <Button type="link" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                      删除
                    </Button>
                  }
                >
                  <CertificateFields name={[field.name]} path={['certificates', field.name]} rules={rules} />
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                添加执法证
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
