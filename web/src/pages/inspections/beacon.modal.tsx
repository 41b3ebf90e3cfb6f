import { Alert, Form, Input } from 'antd';
import { beaconInput } from '../../../../src/inspections/commitment.schema.ts';
import { inspectionsApi, type CommitmentView } from '../../api/inspections.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';

type Beacon = CommitmentView['beacons'][number];
type Values = { value: string; source: string };

const hints: Record<Beacon['kind'], string> = {
  'county-checkpoint': '照检查点第三行录入根哈希（44 个字符的 base64，以 = 结尾）',
  lottery: '按公布顺序录入开奖号码，两位数字以空格分隔，后区写在 “ + ” 之后，如 03 08 15 21 27 33 + 11',
  drand: '录入该轮次的 randomness（64 位小写十六进制）',
};

/** 录入公开随机数: each value named in the commitment is entered once, with where it was read. */
export function BeaconModal(props: {
  commitmentId: string;
  beacon: Beacon;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  const b = props.beacon;
  const rules = schemaRules<Values>(beaconInput, (v) => ({
    value: v.value ?? '',
    source: v.source ?? '',
    position: b.position,
  }));
  return (
    <FormModal<Values>
      name="beacon"
      title={`录入公开随机数 ${b.position + 1}：${b.kindLabel}`}
      okText="录入"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(v) =>
        void run(
          () => inspectionsApi.enterBeacon(props.commitmentId, { ...v, position: b.position }),
          `已录入公开随机数 ${b.position + 1}`,
        ).then((ok) => ok && props.onSaved())
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="每个公开随机数只能录入一次，录入后不能更改"
        description={`承诺指定：${b.description}`}
      />
      <Form.Item name="value" label="取值" rules={rules('value')} extra={hints[b.kind]}>
        <Input />
      </Form.Item>
      <Form.Item name="source" label="取值的出处" rules={rules('source')} extra="如网址、期号、轮次号">
        <Input />
      </Form.Item>
    </FormModal>
  );
}
