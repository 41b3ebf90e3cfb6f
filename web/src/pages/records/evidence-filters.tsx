import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { Agency } from '../../../../src/org/org.schema.ts';
import { dayOf, isoDate } from '../../ui/dates.ts';
import { AgencySelect } from '../org/agency-select.tsx';
import { kindOptions, subjectTypeOptions } from './records.labels.ts';

export const evidenceFilterKeys = [
  'agencyId',
  'subjectType',
  'subjectId',
  'kind',
  'officerId',
  'from',
  'to',
] as const;
type Key = (typeof evidenceFilterKeys)[number];
export type EvidenceFilterValues = Partial<Record<Key, string>>;

interface FormValues extends Omit<EvidenceFilterValues, 'from' | 'to'> {
  dates?: [Dayjs | null, Dayjs | null] | null;
}

const toForm = ({ from, to, ...rest }: EvidenceFilterValues): FormValues => ({
  ...rest,
  dates: from || to ? [dayOf(from) ?? null, dayOf(to) ?? null] : null,
});
const fromForm = ({ dates, ...rest }: FormValues): EvidenceFilterValues => ({
  ...rest,
  from: isoDate(dates?.[0]),
  to: isoDate(dates?.[1]),
});

/** The evidence list's filters: subject, kind, officer and the dates the files were made. */
export function EvidenceFilters(props: {
  value: EvidenceFilterValues;
  agencies: readonly Agency[];
  officerOptions: { value: string; label: string }[];
  onChange: (value: EvidenceFilterValues) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(props.value));
  }, [form, props.value]);

  return (
    <Form<FormValues>
      name="evidence-filters"
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      onFinish={(values) => props.onChange(fromForm(values))}
    >
      {props.agencies.length > 1 && (
        <Form.Item name="agencyId" label="机关">
          <AgencySelect agencies={props.agencies} onChange={(agencyId) => props.onChange({ agencyId })} />
        </Form.Item>
      )}
      <Form.Item name="subjectType" label="对象类型">
        <Select style={{ width: 120 }} options={subjectTypeOptions} allowClear placeholder="全部" />
      </Form.Item>
      <Form.Item name="subjectId" label="对象编号">
        <Input style={{ width: 200 }} allowClear placeholder="如案件编号" />
      </Form.Item>
      <Form.Item name="kind" label="类型">
        <Select style={{ width: 100 }} options={kindOptions} allowClear placeholder="全部" />
      </Form.Item>
      <Form.Item name="officerId" label="执法人员">
        <Select
          style={{ width: 180 }}
          options={props.officerOptions}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部"
        />
      </Form.Item>
      <Form.Item name="dates" label="拍摄日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} />
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
