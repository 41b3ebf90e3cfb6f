import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Typography } from 'antd';
import { commitInput } from '../../../../src/inspections/commitment.schema.ts';
import { inspectionsApi, type CommitInput, type Task } from '../../api/inspections.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { beaconOptions } from './inspections.labels.ts';

type Values = Required<CommitInput>;
const rules = schemaRules<Values>(commitInput, (v) => v);

/**
 * 作出抽取承诺: the snapshot of the directory and the inspector pool is taken now, with the declared
 * recusals (an inspector who must not inspect a target) and the public random values the draw will use,
 * each named now and entered later. The draw is allowed 24 hours after.
 */
export function CommitFormModal(props: { task: Task; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  return (
    <FormModal<Values>
      name="commit"
      title={`作出抽取承诺：${props.task.title}`}
      okText="作出承诺"
      width={760}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      initialValues={{ recusals: [], beacons: [{ kind: 'county-checkpoint', description: '' }] }}
      onFinish={(v) =>
        void run(() => inspectionsApi.commit(props.task.id, v), '已作出抽取承诺').then(
          (ok) => ok && props.onSaved(),
        )
      }
    >
      <Typography.Paragraph type="secondary">
        承诺作出后即锁定检查对象名录和检查人员名录的快照、各等级抽取户数及回避声明，并公开其 SHA-256 摘要；24
        小时后、录入全部公开随机数后方可抽取。
      </Typography.Paragraph>
      <Typography.Text strong>回避声明</Typography.Text>
      <Form.List name="recusals">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Row gutter={8} key={f.key} align="top">
                <Col span={11}>
                  <Form.Item
                    name={[f.name, 'creditCode']}
                    label={`回避 ${i + 1}：检查对象统一社会信用代码`}
                    rules={rules('recusals', f.name, 'creditCode')}
                  >
                    <Input maxLength={18} />
                  </Form.Item>
                </Col>
                <Col span={11}>
                  <Form.Item
                    name={[f.name, 'certificateNumber']}
                    label={`回避 ${i + 1}：检查人员执法证号`}
                    rules={rules('recusals', f.name, 'certificateNumber')}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={2} style={{ paddingTop: 30 }}>
                  <Button
                    type="text"
                    aria-label={`删除回避 ${i + 1}`}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              style={{ marginBottom: 16 }}
              onClick={() => add({ creditCode: '', certificateNumber: '' })}
            >
              添加回避
            </Button>
          </>
        )}
      </Form.List>
      <div>
        <Typography.Text strong>公开随机数的来源</Typography.Text>
      </div>
      <Form.List name="beacons">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => (
              <Row gutter={8} key={f.key} align="top">
                <Col span={9}>
                  <Form.Item
                    name={[f.name, 'kind']}
                    label={`随机数 ${i + 1}：种类`}
                    rules={rules('beacons', f.name, 'kind')}
                  >
                    <Select options={beaconOptions} />
                  </Form.Item>
                </Col>
                <Col span={13}>
                  <Form.Item
                    name={[f.name, 'description']}
                    label={`随机数 ${i + 1}：来源说明`}
                    rules={rules('beacons', f.name, 'description')}
                    extra="写明哪一期、哪一轮或哪个检查点，使任何人都能查到同一个值"
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={2} style={{ paddingTop: 30 }}>
                  <Button
                    type="text"
                    aria-label={`删除随机数 ${i + 1}`}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'drand', description: '' })}
            >
              添加公开随机数
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
