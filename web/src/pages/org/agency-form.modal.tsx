import { Form, Input, Select } from 'antd';
import {
  agencyInput,
  agencyKindLabels,
  agencyLevelLabels,
  type Agency,
} from '../../../../src/org/org.schema.ts';
import { orgApi, type AgencyInput } from '../../api/org.ts';
import { changedFields, isEmpty } from '../../forms/changed.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { optionsOf } from '../../ui/labels.tsx';

type Values = Partial<Omit<AgencyInput, 'parentId'>>;

// An untouched field is empty text, so the schema's own message (请填写简称) shows rather than a type error.
const toBody = (v: Values) => ({
  name: v.name ?? '',
  shortName: v.shortName ?? '',
  creditCode: v.creditCode ?? '',
  regionCode: v.regionCode ?? '',
  level: v.level ?? 'county',
  kind: v.kind ?? 'enforcement',
});

const rules = schemaRules<Values>(agencyInput, toBody);

/** Creates an agency below `parentId`, or edits `agency` (sending only the fields changed). */
export function AgencyFormModal(props: {
  agency?: Agency;
  parentId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run, unchanged } = useSubmit(form);
  const editing = props.agency;

  async function save(values: Values) {
    if (!editing) {
      const created = await run(
        () => orgApi.createAgency({ ...toBody(values), parentId: props.parentId }),
        '已新增机关',
      );
      if (created) props.onSaved();
      return;
    }
    const patch = changedFields(toBody(editing), toBody(values));
    if (isEmpty(patch)) {
      unchanged();
      props.onClose();
      return;
    }
    if (await run(() => orgApi.updateAgency(editing.id, patch), '机关信息已保存')) props.onSaved();
  }

  return (
    <FormModal<Values>
      name="agency"
      title={editing ? `编辑机关：${editing.name}` : '新增下级机关'}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={editing ?? { level: 'township', kind: 'enforcement' }}
    >
      <Form.Item name="name" label="机关名称" required rules={rules('name')}>
        <Input />
      </Form.Item>
      <Form.Item name="shortName" label="简称" required rules={rules('shortName')}>
        <Input />
      </Form.Item>
      <Form.Item name="creditCode" label="统一社会信用代码" required rules={rules('creditCode')}>
        <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
      </Form.Item>
      <Form.Item name="regionCode" label="行政区划代码" required rules={rules('regionCode')}>
        <Input maxLength={6} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="level" label="层级" required rules={rules('level')}>
        <Select options={optionsOf(agencyLevelLabels)} />
      </Form.Item>
      <Form.Item name="kind" label="类别" required rules={rules('kind')}>
        <Select options={optionsOf(agencyKindLabels)} />
      </Form.Item>
    </FormModal>
  );
}
