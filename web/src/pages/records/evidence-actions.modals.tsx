import { Alert, Form, Input, Select } from 'antd';
import { disposalInput, markInput } from '../../../../src/records/evidence.schema.ts';
import { recordsApi, type Evidence } from '../../api/records.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { markOptions } from './records.labels.ts';

interface DisposalValues {
  reason?: string;
  approval?: string;
}
const disposalBody = (v: DisposalValues) => ({ reason: v.reason ?? '', approval: v.approval ?? '' });
const disposalRules = schemaRules<DisposalValues>(disposalInput, disposalBody);

/**
 * 处置: removes the bytes of a file whose retention has run out. The row, its SHA-256 and SM3 and every
 * record-log entry stay; the disposal itself is recorded with its reason and approval.
 */
export function EvidenceDisposalModal(props: {
  evidence: Evidence;
  onClose: () => void;
  onDone: (evidence: Evidence) => void;
}) {
  const [form] = Form.useForm<DisposalValues>();
  const { submitting, problem, run } = useSubmit(form);
  async function dispose(values: DisposalValues) {
    const done = await run(() => recordsApi.dispose(props.evidence.id, disposalBody(values)), '文件已处置');
    if (done) props.onDone(done);
  }
  return (
    <FormModal<DisposalValues>
      name="evidence-disposal"
      title="处置证据文件"
      okText="确认处置"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void dispose(values)}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="处置后文件内容将被删除，不能恢复"
        description="文件的 SHA-256、SM3 摘要和记录日志条目永久保留；处置本身也写入记录日志。"
      />
      <Form.Item name="reason" label="处置原因" required rules={disposalRules('reason')}>
        <Input.TextArea rows={3} maxLength={500} placeholder="如 保存期满，未作为证据使用" />
      </Form.Item>
      <Form.Item name="approval" label="批准文号或审批单号" required rules={disposalRules('approval')}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

interface MarkValues {
  mark?: string;
  reason?: string;
}
const markBody = (v: MarkValues) => ({ mark: v.mark ?? '', reason: v.reason ?? '' });
const markRules = schemaRules<MarkValues>(markInput, markBody);

/** 标记永久保存: a file used as evidence, showing obstruction or a major incident is kept for good. */
export function EvidenceMarkModal(props: {
  evidence: Evidence;
  onClose: () => void;
  onDone: (evidence: Evidence) => void;
}) {
  const [form] = Form.useForm<MarkValues>();
  const { submitting, problem, run } = useSubmit(form);
  async function mark(values: MarkValues) {
    const { mark, reason } = markBody(values);
    const done = await run(() => recordsApi.mark(props.evidence.id, mark, reason), '已标记为永久保存');
    if (done) props.onDone(done);
  }
  return (
    <FormModal<MarkValues>
      name="evidence-mark"
      title="标记永久保存"
      okText="标记"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void mark(values)}
    >
      <Form.Item name="mark" label="原因类别" required rules={markRules('mark')}>
        <Select options={markOptions.filter((o) => !props.evidence.marks.includes(o.value as never))} />
      </Form.Item>
      <Form.Item name="reason" label="说明" required rules={markRules('reason')}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
