import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Typography } from 'antd';
import { checklistInput } from '../../../../src/records/evidence.schema.ts';
import { recordsApi, type ChecklistInput, type ChecklistView } from '../../api/records.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { avRequirementLabels } from './records.labels.ts';

type Item = ChecklistInput['items'][number];
interface Values {
  items?: Partial<Item>[];
}
const toBody = (v: Values): ChecklistInput => ({
  items: (v.items ?? []).map((i) => ({
    step: i.step ?? '',
    label: i.label ?? '',
    requirement: i.requirement ?? 'av',
    basis: i.basis ?? '',
  })),
});
const rules = schemaRules<Values>(checklistInput, toBody);

/**
 * Edits the agency's AV checklist: steps may be added and requirements raised; the defaults of 国办发
 * 〔2018〕118号 can be neither removed nor lowered (the server says which, per row).
 */
export function AvChecklistEditModal(props: {
  checklist: ChecklistView;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  async function save(values: Values) {
    const done = await run(
      () => recordsApi.setChecklist(props.checklist.agencyId, toBody(values)),
      '音像记录事项清单已保存',
    );
    if (done) props.onSaved();
  }
  return (
    <FormModal<Values>
      name="av-checklist"
      title="编辑音像记录事项清单"
      width={980}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={{ items: props.checklist.items }}
    >
      <Typography.Paragraph type="secondary">
        可增加需音像记录的事项或将“音像记录”提高为“全过程音像记录”；国办发〔2018〕118号规定的默认事项不能删除或降低。
        环节代码为小写英文（如 night_inspection），登记执法环节和上传证据时按此代码对应。
      </Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item
                  name={[field.name, 'step']}
                  rules={rules('items', field.name, 'step')}
                  style={{ width: 200, marginBottom: 0 }}
                >
                  <Input placeholder="环节代码" aria-label="环节代码" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'label']}
                  rules={rules('items', field.name, 'label')}
                  style={{ flex: 1, marginBottom: 0 }}
                >
                  <Input placeholder="事项名称" aria-label="事项名称" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'requirement']}
                  rules={rules('items', field.name, 'requirement')}
                  style={{ width: 170, marginBottom: 0 }}
                >
                  <Select options={optionsOf(avRequirementLabels)} aria-label="要求" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'basis']}
                  rules={rules('items', field.name, 'basis')}
                  style={{ width: 220, marginBottom: 0 }}
                >
                  <Input placeholder="依据" aria-label="依据" />
                </Form.Item>
                <Button
                  type="text"
                  aria-label="删除该事项"
                  icon={<MinusCircleOutlined />}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ requirement: 'av', basis: '本机关规定' })}
            >
              增加事项
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}
