import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { certificateInput, certificatePatch, type Certificate } from '../../../../src/org/org.schema.ts';
import { orgApi, type CertificatePatch } from '../../api/org.ts';
import { changedFields, isEmpty } from '../../forms/changed.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { dayOf, isoDate } from '../../ui/dates.ts';
import { fieldOptions } from '../../ui/labels.tsx';

interface Values {
  fields?: string[];
  issuer?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  examDate?: Dayjs | null;
  reason?: string;
}

type Editable = Omit<CertificatePatch, 'reason'>;

const editable = (v: Values): Editable => ({
  fields: (v.fields ?? []) as Editable['fields'],
  issuer: v.issuer ?? '',
  validFrom: isoDate(v.validFrom) ?? '',
  validTo: isoDate(v.validTo) ?? '',
  examDate: isoDate(v.examDate) ?? null,
});
const toBody = (v: Values): CertificatePatch => ({ ...editable(v), reason: v.reason ?? '' });
const rules = schemaRules<Values>(certificatePatch, toBody);
// The edit schema has no cross-field check; the whole-certificate schema has (validTo ≥ validFrom). The
// number is not edited here, any text stands in for it.
const wholeRules = schemaRules<Values>(certificateInput, (v) => ({ number: '-', ...editable(v) }));

/** 编辑执法证: corrects the scope, issuer or dates; the reason is required and kept in the history. */
export function CertificateEditModal(props: {
  certificate: Certificate;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { certificate } = props;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run, unchanged } = useSubmit(form);
  const initial: Values = {
    fields: certificate.fields,
    issuer: certificate.issuer,
    validFrom: dayOf(certificate.validFrom),
    validTo: dayOf(certificate.validTo),
    examDate: dayOf(certificate.examDate),
  };

  async function save(values: Values) {
    const changes = changedFields<Editable>(editable(initial), editable(values));
    if (isEmpty(changes)) return unchanged();
    const saved = await run(
      () => orgApi.updateCertificate(certificate.id, { ...changes, reason: values.reason ?? '' }),
      `执法证 ${certificate.number} 已修改`,
    );
    if (saved) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="certificate-edit"
      title={`编辑执法证：${certificate.number}（${certificate.personName}）`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={initial}
    >
      <Form.Item name="fields" label="执法领域" required rules={rules('fields')}>
        <Select mode="multiple" options={fieldOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="issuer" label="发证机关" required rules={rules('issuer')}>
        <Input />
      </Form.Item>
      <Form.Item name="validFrom" label="有效期起" required rules={rules('validFrom')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="validTo"
        label="有效期止"
        required
        dependencies={['validFrom']}
        rules={wholeRules('validTo')}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="examDate" label="考试日期" rules={rules('examDate')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label="修改原因" required rules={rules('reason')}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
