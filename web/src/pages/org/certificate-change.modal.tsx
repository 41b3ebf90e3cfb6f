import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { certificateChange, type Certificate } from '../../../../src/org/org.schema.ts';
import { orgApi, type CertificateAction } from '../../api/org.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { isoDate, today } from '../../ui/dates.ts';

interface Values {
  reason?: string;
  effectiveOn?: Dayjs | null;
}

const toBody = (v: Values) => ({ reason: v.reason ?? '', effectiveOn: isoDate(v.effectiveOn) ?? '' });
const rules = schemaRules<Values>(certificateChange, toBody);

export const actionLabels: Record<CertificateAction, string> = {
  suspend: '暂扣',
  reinstate: '恢复',
  revoke: '注销',
};

/** 暂扣 / 恢复 / 注销 a certificate: a reason and the date from which it holds (may be in the past). */
export function CertificateChangeModal(props: {
  certificate: Certificate;
  action: CertificateAction;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  const label = actionLabels[props.action];

  async function save(values: Values) {
    const saved = await run(
      () => orgApi.changeCertificate(props.certificate.id, props.action, toBody(values)),
      `执法证 ${props.certificate.number} 已${label}`,
    );
    if (saved) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="certificate-change"
      title={`${label}执法证：${props.certificate.number}（${props.certificate.personName}）`}
      okText={`确认${label}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={{ effectiveOn: today() }}
    >
      <Form.Item name="reason" label={`${label}原因`} required rules={rules('reason')}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Form.Item name="effectiveOn" label="生效日期" required rules={rules('effectiveOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
