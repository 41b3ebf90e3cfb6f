import { Button, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import type { Agency } from '../../../../src/org/org.schema.ts';
import { displayStatusLabels, fieldOptions, optionsOf } from '../../ui/labels.tsx';
import { AgencySelect } from './agency-select.tsx';

type Values = Partial<Record<'agencyId' | 'status' | 'field' | 'q', string>>;

const statusOptions = optionsOf(displayStatusLabels);

/** The certificate list's filters: status (including 已过期), field, and a number or name search. */
export function CertificateFilters(props: {
  value: Values;
  agencies: readonly Agency[];
  onChange: (value: Values) => void;
}) {
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(props.value);
  }, [form, props.value]);

  return (
    <Form<Values>
      name="certificate-filters"
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      onFinish={(values) => props.onChange(values)}
    >
      {props.agencies.length > 1 && (
        <Form.Item name="agencyId" label="机关">
          <AgencySelect agencies={props.agencies} />
        </Form.Item>
      )}
      <Form.Item name="status" label="状态">
        <Select style={{ width: 120 }} options={statusOptions} allowClear placeholder="全部" />
      </Form.Item>
      <Form.Item name="field" label="执法领域">
        <Select
          style={{ width: 180 }}
          options={fieldOptions}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部"
        />
      </Form.Item>
      <Form.Item name="q" label="证号或姓名">
        <Input style={{ width: 180 }} allowClear />
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
