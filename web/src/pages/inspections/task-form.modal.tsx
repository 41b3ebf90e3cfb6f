import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { taskInput } from '../../../../src/inspections/plans.schema.ts';
import { inspectionsApi, type Plan, type TaskInput } from '../../api/inspections.ts';
import { powersApi } from '../../api/powers.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { isoDate } from '../../ui/dates.ts';
import { fieldOptions } from '../../ui/labels.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { riskGradeLabels, riskGrades } from './inspections.labels.ts';

type Mode = 'none' | 'count' | 'percent';
type Grade = (typeof riskGrades)[number];

interface Values {
  powerItemId: string;
  title: string;
  field: string;
  scope?: string;
  quotas: Record<Grade, { mode: Mode; count?: number; percent?: number }>;
  startsOn?: Dayjs;
  endsOn?: Dayjs;
  jointAgencies?: string[];
}

const modeOptions = [
  { value: 'none', label: '不抽取' },
  { value: 'count', label: '按户数' },
  { value: 'percent', label: '按比例（%）' },
];

function toBody(v: Values): TaskInput {
  const quotas: TaskInput['quotas'] = {};
  for (const g of riskGrades) {
    const q = v.quotas?.[g];
    if (!q || q.mode === 'none') continue;
    quotas[g] = q.mode === 'count' ? { count: q.count as number } : { percent: q.percent as number };
  }
  return {
    powerItemId: v.powerItemId,
    title: v.title ?? '',
    field: v.field as TaskInput['field'],
    scope: v.scope ?? '',
    quotas,
    startsOn: isoDate(v.startsOn) ?? '',
    endsOn: isoDate(v.endsOn) ?? '',
    jointAgencies: v.jointAgencies ?? [],
  };
}

const rules = schemaRules<Values>(taskInput, toBody);

/** Holds the place of the quotas as a whole, so their error ("at least one grade") shows here. */
const Nothing = (_: { value?: unknown }) => null;

/**
 * 增加抽查任务: a published random-inspection item of the power list, its field, the period within the
 * plan's year and, per risk grade, how many to draw — a number of targets or a percentage of the eligible.
 */
export function TaskFormModal(props: { plan: Plan; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  const items = useRequest(
    () => powersApi.list({ kind: 'inspection', randomInspection: 'true', pageSize: 100, page: 1 }),
    [],
  );
  const itemOptions = (items.data?.items ?? []).map((i) => ({ value: i.id, label: i.latest.name }));
  const quotas = Form.useWatch('quotas', form);

  return (
    <FormModal<Values>
      name="task-add"
      title={`增加抽查任务：${props.plan.title}`}
      width={720}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      initialValues={{
        scope: '',
        quotas: Object.fromEntries(riskGrades.map((g) => [g, { mode: 'none' }])) as Values['quotas'],
      }}
      onFinish={(v) =>
        void run(() => inspectionsApi.addTask(props.plan.id, toBody(v)), `已增加任务「${v.title}」`).then(
          (ok) => ok && props.onSaved(),
        )
      }
    >
      <Form.Item name="powerItemId" label="随机抽查事项" rules={rules('powerItemId')}>
        <Select options={itemOptions} loading={items.loading} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="title" label="任务名称" rules={rules('title')}>
        <Input />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="field" label="监管领域" rules={rules('field')}>
            <Select options={fieldOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="scope" label="抽查范围" rules={rules('scope')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>各风险等级抽取户数或比例</Typography.Text>
      <Form.Item name="quotas" rules={rules('quotas')} style={{ marginBottom: 8 }}>
        <Nothing />
      </Form.Item>
      {riskGrades.map((g) => (
        <Row gutter={16} key={g}>
          <Col span={12}>
            <Form.Item name={['quotas', g, 'mode']} label={`${riskGradeLabels[g]}：抽取方式`}>
              <Select options={modeOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {quotas?.[g]?.mode && quotas[g].mode !== 'none' && (
              <Form.Item
                name={['quotas', g, quotas[g].mode]}
                label={quotas[g].mode === 'count' ? `${g} 级抽取户数` : `${g} 级抽取比例（%）`}
                rules={[{ required: true, message: '请填写' }, ...rules('quotas', g, quotas[g].mode)]}
              >
                <InputNumber style={{ width: '100%' }} min={0} />
              </Form.Item>
            )}
          </Col>
        </Row>
      ))}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="startsOn" label="开始日期" rules={rules('startsOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="endsOn" label="结束日期" rules={rules('endsOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="jointAgencies" label="联合抽查部门" rules={rules('jointAgencies')}>
        <Select mode="tags" open={false} placeholder="输入部门名称后回车" />
      </Form.Item>
    </FormModal>
  );
}
