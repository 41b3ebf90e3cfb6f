import { Button, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import type { Agency } from '../../../../src/org/org.schema.ts';
import { roleOptions } from '../../ui/labels.tsx';
import { AgencySelect } from './agency-select.tsx';
import { useUnitOptions } from './use-units.ts';

type Values = Partial<Record<'agencyId' | 'unitId' | 'q' | 'role' | 'active', string>>;

const activeOptions = [
  { value: 'true', label: '在岗' },
  { value: 'false', label: '停用' },
];

/** The people list's filters; the agency choice appears only for those who read more than one. */
export function PeopleFilters(props: {
  value: Values;
  ownAgencyId: string;
  agencies: readonly Agency[];
  onChange: (value: Values) => void;
}) {
  const [form] = Form.useForm<Values>();
  const units = useUnitOptions(props.value.agencyId ?? props.ownAgencyId);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(props.value);
  }, [form, props.value]);

  return (
    <Form<Values>
      name="people-filters"
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      onFinish={(values) => props.onChange(values)}
    >
      {props.agencies.length > 1 && (
        <Form.Item name="agencyId" label="机关">
          <AgencySelect agencies={props.agencies} onChange={(agencyId) => props.onChange({ agencyId })} />
        </Form.Item>
      )}
      <Form.Item name="unitId" label="内设机构">
        <Select style={{ width: 180 }} options={units.options} allowClear placeholder="全部" />
      </Form.Item>
      <Form.Item name="q" label="姓名">
        <Input style={{ width: 160 }} allowClear placeholder="姓名或用户名" />
      </Form.Item>
      <Form.Item name="role" label="角色">
        <Select style={{ width: 160 }} options={roleOptions} allowClear placeholder="全部" />
      </Form.Item>
      <Form.Item name="active" label="状态">
        <Select style={{ width: 100 }} options={activeOptions} allowClear placeholder="全部" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button onClick={() => props.onChange({})}>重置</Button>
      </Form.Item>
    </Form>
  );
}
