import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CertificateInput } from '../../api/org.ts';
import type { FormRule } from 'antd';
import type { NamePath } from '../../forms/schema-rule.ts';
import { isoDate } from '../../ui/dates.ts';
import { fieldOptions } from '../../ui/labels.tsx';

/** A certificate as the form holds it: dates as dayjs values until sent. */
export interface CertificateValues {
  number?: string;
  fields?: string[];
  issuer?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  examDate?: Dayjs | null;
}

export const certificateBody = (values: CertificateValues = {}): CertificateInput => ({
  number: values.number ?? '',
  fields: (values.fields ?? []) as CertificateInput['fields'],
  issuer: values.issuer ?? '',
  validFrom: isoDate(values.validFrom) ?? '',
  validTo: isoDate(values.validTo) ?? '',
  examDate: isoDate(values.examDate) ?? null,
});

/**
 * The fields of one certificate. `name` prefixes the items' names (relative inside a Form.List); `path`
 * is the absolute path the schema rules and dependencies use.
 */
export function CertificateFields(props: {
  name: NamePath;
  path: NamePath;
  rules: (...path: NamePath) => FormRule[];
}) {
  const item = (field: string) => ({
    name: [...props.name, field],
    rules: props.rules(...props.path, field),
  });
  return (
    <>
      <Form.Item {...item('number')} label="执法证号" required>
        <Input />
      </Form.Item>
      <Form.Item {...item('fields')} label="执法领域" required>
        <Select mode="multiple" options={fieldOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item {...item('issuer')} label="发证机关" required>
        <Input />
      </Form.Item>
      <Form.Item {...item('validFrom')} label="有效期起" required>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item {...item('validTo')} label="有效期止" required dependencies={[[...props.path, 'validFrom']]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item {...item('examDate')} label="考试日期">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}
