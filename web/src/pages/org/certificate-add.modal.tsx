import { Form } from 'antd';
import { certificateInput, type Person } from '../../../../src/org/org.schema.ts';
import { orgApi } from '../../api/org.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { certificateBody, CertificateFields, type CertificateValues } from './certificate-fields.tsx';

const rules = schemaRules<CertificateValues>(certificateInput, certificateBody);

/** 添加执法证 for a person already registered. */
export function CertificateAddModal(props: { person: Person; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<CertificateValues>();
  const { submitting, problem, run } = useSubmit(form);

  async function save(values: CertificateValues) {
    const saved = await run(
      () => orgApi.addCertificate(props.person.id, certificateBody(values)),
      '已添加执法证',
    );
    if (saved) props.onSaved();
  }

  return (
    <FormModal<CertificateValues>
      name="certificate-add"
      title={`添加执法证：${props.person.name}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
    >
      <CertificateFields name={[]} path={[]} rules={rules} />
    </FormModal>
  );
}
