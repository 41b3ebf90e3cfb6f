import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Spin } from 'antd';
import type { PowerItem } from '../../../../src/powers/power-list.schema.ts';
import {
  materialFormLabels,
  serviceGuideInput,
  type ServiceGuide,
  type ServiceGuideInput,
} from '../../../../src/powers/service-guide.schema.ts';
import { powersApi } from '../../api/powers.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';

type Values = Partial<Omit<ServiceGuideInput, 'materials'>> & {
  materials?: Partial<ServiceGuideInput['materials'][number]>[];
};

const toBody = (v: Values) => ({
  conditions: v.conditions ?? '',
  materials: (v.materials ?? []).map((m) => ({
    name: m.name ?? '',
    form: m.form ?? '',
    copies: m.copies ?? 0,
    note: m.note ?? '',
  })),
  place: v.place ?? '',
  hours: v.hours ?? '',
  contact: v.contact ?? '',
  onlineUrl: v.onlineUrl ?? '',
  note: v.note ?? '',
});
const rules = schemaRules<Values>(serviceGuideInput, toBody);
const formOptions = optionsOf(materialFormLabels);

const valuesOf = (g: ServiceGuide | null): Values =>
  g
    ? {
        conditions: g.conditions,
        materials: g.materials,
        place: g.place,
        hours: g.hours,
        contact: g.contact,
        onlineUrl: g.onlineUrl,
        note: g.note,
      }
    : { materials: [] };

/** 编辑服务指南 (S-2.2): saved as a new revision and shown on the portal at once. */
export function ServiceGuideModal(props: { item: PowerItem; onClose: () => void; onSaved: () => void }) {
  const request = useRequest(() => powersApi.guide(props.item.id), [props.item.id]);
  if (!request.data) {
    return request.error ? <LoadError error={request.error} retry={request.reload} /> : <Spin />;
  }
  return <GuideForm {...props} initial={valuesOf(request.data.guide)} />;
}

function GuideForm(props: { item: PowerItem; initial: Values; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);

  async function save(values: Values) {
    const done = await run(
      () => powersApi.saveGuide(props.item.id, toBody(values) as ServiceGuideInput),
      '服务指南已保存',
    );
    if (done) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="service-guide"
      title={`服务指南：${props.item.code} ${props.item.latest.name}`}
      width={760}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={props.initial}
    >
      <p>办理时限和收费标准取自事项的当前版本，在“修改事项”中维护。</p>
      <Form.Item name="conditions" label="办理条件" required rules={rules('conditions')}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
      <Form.List name="materials">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            <strong>申请材料</strong>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} wrap align="start">
                <Form.Item
                  name={[field.name, 'name']}
                  label={`材料 ${index + 1} 名称`}
                  rules={rules('materials', field.name, 'name')}
                  style={{ flex: 2, minWidth: 200 }}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'form']}
                  label="形式"
                  rules={rules('materials', field.name, 'form')}
                  style={{ minWidth: 140 }}
                >
                  <Select options={formOptions} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'copies']}
                  label="份数"
                  rules={rules('materials', field.name, 'copies')}
                >
                  <InputNumber min={1} max={99} precision={0} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'note']}
                  label="说明"
                  rules={rules('materials', field.name, 'note')}
                  style={{ flex: 1, minWidth: 140 }}
                >
                  <Input maxLength={500} />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  style={{ marginTop: 30 }}
                  icon={<MinusCircleOutlined />}
                  aria-label={`删除材料 ${index + 1}`}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <div>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ form: 'original', copies: 1, note: '' })}
              >
                添加申请材料
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
      <Form.Item name="place" label="办理地点" required rules={rules('place')} style={{ marginTop: 16 }}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="hours" label="办理时间" required rules={rules('hours')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="contact" label="咨询电话" required rules={rules('contact')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="onlineUrl" label="网上办理地址" rules={rules('onlineUrl')}>
        <Input maxLength={300} placeholder="https://" />
      </Form.Item>
      <Form.Item name="note" label="其他说明" rules={rules('note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
