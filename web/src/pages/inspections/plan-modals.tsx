import { DatePicker, Form, Input, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { cancelInput, planInput } from '../../../../src/inspections/plans.schema.ts';
import { inspectionsApi, type Plan, type PlanInput, type Task } from '../../api/inspections.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { isoDate, today } from '../../ui/dates.ts';

const planRules = schemaRules<PlanInput>(planInput, (v) => ({ ...v, title: v.title ?? '' }));

/** 新建抽查计划: the agency's plan of a year. */
export function PlanCreateModal(props: { onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<PlanInput>();
  const { submitting, problem, run } = useSubmit(form);
  return (
    <FormModal<PlanInput>
      name="plan-create"
      title="新建抽查计划"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      initialValues={{ year: today().year() }}
      onFinish={(v) =>
        void run(() => inspectionsApi.createPlan(v), `已新建计划「${v.title}」`).then(
          (ok) => ok && props.onSaved(),
        )
      }
    >
      <Form.Item name="year" label="年度" rules={planRules('year')}>
        <InputNumber style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="title" label="计划名称" rules={planRules('title')}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

/** 批准抽查计划 (the agency head): the day of the approval, today unless earlier. */
export function PlanApproveModal(props: { plan: Plan; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ on?: Dayjs }>();
  const { submitting, problem, run } = useSubmit(form);
  return (
    <FormModal<{ on?: Dayjs }>
      name="plan-approve"
      title={`批准抽查计划：${props.plan.title}`}
      okText="批准"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      initialValues={{ on: today() }}
      onFinish={(v) =>
        void run(
          () => inspectionsApi.approvePlan(props.plan.id, isoDate(v.on)),
          `已批准「${props.plan.title}」`,
        ).then((ok) => ok && props.onSaved())
      }
    >
      <Form.Item name="on" label="批准日期">
        <DatePicker disabledDate={(d) => d.isAfter(today())} />
      </Form.Item>
    </FormModal>
  );
}

const cancelRules = schemaRules<{ reason: string }>(cancelInput, (v) => ({ reason: v.reason ?? '' }));

/** 取消抽查任务: a new fact on the task, with its reason (nothing is deleted). */
export function TaskCancelModal(props: { task: Task; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { submitting, problem, run } = useSubmit(form);
  return (
    <FormModal<{ reason: string }>
      name="task-cancel"
      title={`取消抽查任务：${props.task.title}`}
      okText="取消任务"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(v) =>
        void run(
          () => inspectionsApi.cancelTask(props.task.id, v.reason),
          `已取消「${props.task.title}」`,
        ).then((ok) => ok && props.onSaved())
      }
    >
      <Form.Item name="reason" label="取消原因" rules={cancelRules('reason')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
