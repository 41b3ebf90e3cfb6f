import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { resultInput } from '../../../../src/inspections/results.schema.ts';
import { inspectionsApi, type Assignment, type InspectionResult } from '../../api/inspections.ts';
import { schemaRules } from '../../forms/schema-rule.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { useSubmit } from '../../forms/use-submit.ts';
import { isoDate, today } from '../../ui/dates.ts';
import { resultOptions } from './inspections.labels.ts';

interface Values {
  result: InspectionResult;
  summary: string;
  on?: Dayjs;
}

const rules = schemaRules<Values>(resultInput, (v) => ({
  result: v.result,
  summary: v.summary ?? '',
  on: isoDate(v.on),
}));

/**
 * 记录检查结果: the result of a drawn target's inspection, its summary and day. The result is published
 * within 20 working days of that day (国办发〔2015〕58号、市场监管总局“双随机、一公开”规定).
 */
export function ResultModal(props: { assignment: Assignment; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  const a = props.assignment;
  return (
    <FormModal<Values>
      name="inspection-result"
      title={`记录检查结果：${a.targetName}`}
      okText="记录"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      initialValues={{ on: today() }}
      onFinish={(v) =>
        void run(
          () =>
            inspectionsApi.recordResult(a.id, { result: v.result, summary: v.summary, on: isoDate(v.on) }),
          `已记录「${a.targetName}」的检查结果`,
        ).then((ok) => ok && props.onSaved())
      }
    >
      <Form.Item name="result" label="检查结果" rules={rules('result')}>
        <Select options={resultOptions} />
      </Form.Item>
      <Form.Item name="summary" label="结果说明" rules={rules('summary')}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="on" label="结果日期" rules={rules('on')}>
        <DatePicker disabledDate={(d) => d.isAfter(today())} />
      </Form.Item>
    </FormModal>
  );
}
