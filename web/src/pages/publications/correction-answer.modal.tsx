import { Descriptions, Form, Input, Switch } from 'antd';
import { answerBody, type Correction } from '../../../../src/publicity/publications.schema.ts';
import { publicationsApi } from '../../api/publications.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';

interface Values {
  answer?: string;
  corrected?: boolean;
}

const toBody = (v: Values) => ({ answer: v.answer ?? '', corrected: v.corrected ?? false });
const rules = schemaRules<Values>(answerBody, toBody);

/** 答复更正申请: the publisher's answer, and whether the publication was corrected. */
export function CorrectionAnswerModal(props: {
  correction: Correction;
  onClose: () => void;
  onSaved: () => void;
}) {
  const c = props.correction;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);

  async function save(values: Values) {
    const done = await run(() => publicationsApi.answer(c.id, toBody(values)), '已答复');
    if (done) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="correction-answer"
      title={`答复更正申请：${c.documentNumber}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={{ corrected: false }}
      okText="答复"
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'who', label: '申请人', children: `${c.requesterName}（${c.requesterContact}）` },
          { key: 'on', label: '收到日期', children: c.receivedOn },
          { key: 'due', label: '答复期限', children: c.deadline.dueOn },
          { key: 'content', label: '更正内容与理由', children: c.content },
        ]}
      />
      <Form.Item name="answer" label="答复" required rules={rules('answer')}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="corrected" label="已更正公示内容" valuePropName="checked" rules={rules('corrected')}>
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
    </FormModal>
  );
}
