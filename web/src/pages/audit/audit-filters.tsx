import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { eventKindLabels, subjectTypeLabels } from '../../../../src/labels.ts';
import type { AuditFilters as Values } from '../../api/audit.ts';
import { dayOf, isoDate } from '../../ui/dates.ts';
import { optionsOf } from '../../ui/labels.tsx';

export const auditFilterKeys = [
  'agencyId',
  'from',
  'to',
  'kind',
  'actorId',
  'subjectType',
  'subjectId',
] as const;

interface FormValues extends Omit<Values, 'from' | 'to' | 'agencyId'> {
  dates?: [Dayjs | null, Dayjs | null] | null;
}

const kindOptions = optionsOf(eventKindLabels);
const subjectOptions = optionsOf(subjectTypeLabels);

const toForm = ({ from, to, ...rest }: Values): FormValues => ({
  ...rest,
  dates: from || to ? [dayOf(from) ?? null, dayOf(to) ?? null] : null,
});

/** The audit trail's filters (kept in the address): China dates, event kind, actor, subject. */
export function AuditFilters(props: {
  value: Values;
  actorOptions: { value: string; label: string }[];
  onChange: (value: Values) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(props.value));
  }, [form, props.value]);

  return (
    <Form<FormValues>
      name="audit-filters"
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      onFinish={({ dates, ...rest }) =>
        props.onChange({
          ...rest,
          agencyId: props.value.agencyId,
          from: isoDate(dates?.[0]),
          to: isoDate(dates?.[1]),
          subjectId: rest.subjectId?.trim() || undefined,
        })
      }
    >
      <Form.Item name="dates" label="日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="kind" label="事件">
        <Select
          style={{ width: 200 }}
          options={kindOptions}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部"
        />
      </Form.Item>
      <Form.Item name="actorId" label="操作人">
        <Select
          style={{ width: 160 }}
          options={props.actorOptions}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部"
        />
      </Form.Item>
      <Form.Item name="subjectType" label="对象">
        <Select
          style={{ width: 160 }}
          options={subjectOptions}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部"
        />
      </Form.Item>
      <Form.Item
        name="subjectId"
        label="对象编号"
        rules={[{ pattern: /^\s*[0-9a-f-]{36}\s*$/i, message: '对象编号格式不正确' }]}
      >
        <Input style={{ width: 200 }} allowClear placeholder="从某一行复制" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button onClick={() => props.onChange({ agencyId: props.value.agencyId })}>重置</Button>
      </Form.Item>
    </Form>
  );
}
