import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { recordsApi, type ChecklistView } from '../../api/records.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { stepOptions } from './records.labels.ts';

interface Values {
  step?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  place?: string;
}

/** The server's `body.startedAt` / `body.endedAt` belong to the form's one period field. */
const periodPath = (path: string) => path.replace(/^body\.(startedAt|endedAt)$/, 'body.period');

/** 登记执法环节: when a step of a case or inspection took place, so the AV checklist can be checked. */
export function StepRecordModal(props: {
  subjectType: string;
  subjectId: string;
  checklist: ChecklistView | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  async function save(values: Values) {
    const done = await run(async () => {
      try {
        return await recordsApi.recordStep({
          subjectType: props.subjectType,
          subjectId: props.subjectId,
          step: values.step ?? '',
          startedAt: values.period?.[0]?.format() ?? '',
          endedAt: values.period?.[1]?.format() ?? null,
          place: values.place?.trim() || null,
        });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        throw new ApiError({
          ...error.problem,
          errors: error.errors.map((e) => ({ path: periodPath(e.path), message: e.message })),
        });
      }
    }, '执法环节已登记');
    if (done) props.onSaved();
  }
  return (
    <FormModal<Values>
      name="step-record"
      title={`登记执法环节：${props.subjectId}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
    >
      <Form.Item name="step" label="执法环节" rules={[{ required: true, message: '请选择执法环节' }]}>
        <Select options={stepOptions(props.checklist?.items)} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="period" label="起止时间" rules={[{ required: true, message: '请填写开始时间' }]}>
        <DatePicker.RangePicker showTime allowEmpty={[false, true]} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="place" label="地点">
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
