import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { dayOf, isoDate } from '../../ui/dates.ts';
import { kindOptions, stateOptions } from './cases.labels.ts';

export const caseFilterKeys = [
  'q',
  'party',
  'kind',
  'state',
  'officerId',
  'from',
  'to',
  'overdue',
  'open',
] as const;
type Key = (typeof caseFilterKeys)[number];
export type CaseFilterValues = Partial<Record<Key, string>>;

interface FormValues extends Omit<CaseFilterValues, 'from' | 'to'> {
  dates?: [Dayjs | null, Dayjs | null] | null;
}

const toForm = ({ from, to, ...rest }: CaseFilterValues): FormValues => ({
  ...rest,
  dates: from || to ? [dayOf(from) ?? null, dayOf(to) ?? null] : null,
});
const fromForm = ({ dates, ...rest }: FormValues): CaseFilterValues => ({
  ...rest,
  from: isoDate(dates?.[0]),
  to: isoDate(dates?.[1]),
});

/** The case list's filters (kept in the address): kind, state, officer, discovery dates, overdue, open. */
export function CaseFilters(props: {
  value: CaseFilterValues;
  officerOptions: { value: string; label: string }[];
  onChange: (value: CaseFilterValues) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(props.value));
  }, [form, props.value]);

  return (
    <Form<FormValues>
      name="case-filters"
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      onFinish={(values) => props.onChange(fromForm(values))}
    >
      <Form.Item name="q" label="案号或案由">
        <Input style={{ width: 200 }} allowClear />
      </Form.Item>
      <Form.Item name="party" label="当事人">
        <Input style={{ width: 180 }} allowClear placeholder="名称或统一社会信用代码" />
      </Form.Item>
      <Form.Item name="kind" label="类别">
        <Select
          style={{ width: 190 }}
          options={kindOptions}
          allowClear
          placeholder="全部"
          onChange={() => form.setFieldValue('state', undefined)}
        />
      </Form.Item>
      <Form.Item name="state" label="状态">
        <Select
          style={{ width: 150 }}
          options={stateOptions(kind)}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部"
        />
      </Form.Item>
      <Form.Item name="officerId" label="办案人员">
        <Select
          style={{ width: 180 }}
          options={props.officerOptions}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部"
        />
      </Form.Item>
      <Form.Item name="dates" label="发现（受理）日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="overdue" label="期限">
        <Select
          style={{ width: 110 }}
          allowClear
          placeholder="全部"
          options={[
            { value: 'true', label: '有逾期' },
            { value: 'false', label: '未逾期' },
          ]}
        />
      </Form.Item>
      <Form.Item name="open" label="办理">
        <Select
          style={{ width: 110 }}
          allowClear
          placeholder="全部"
          options={[
            { value: 'true', label: '办理中' },
            { value: 'false', label: '已办结' },
          ]}
        />
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
