import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { FormListProps } from 'antd/es/form/FormList';
import type { Dayjs } from 'dayjs';
import { powerInput, type PowerItem, type PowerVersion } from '../../../../src/powers/power-list.schema.ts';
import { powersApi, type PowerEditBody, type PowerInputBody } from '../../api/powers.ts';
import { useSession } from '../../auth/session-context.ts';
import { changedFields, isEmpty } from '../../forms/changed.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { dayOf, isoDate } from '../../ui/dates.ts';
import { useUnitOptions } from '../org/use-units.ts';
import { circumstanceOptions, kindOptions } from './power-labels.tsx';

interface BasisValues {
  law?: string;
  article?: string;
  text?: string;
  inForceFrom?: Dayjs | null;
  inForceTo?: Dayjs | null;
  supersedes?: { law?: string; article?: string } | null;
  lighter?: boolean;
}

/** Money is entered in yuan under the fields' server names, so a refusal lands on the field it names. */
interface BenchmarkValues {
  circumstance?: string;
  description?: string;
  minFen?: number | null;
  maxFen?: number | null;
  measures?: string;
}

export interface VersionValues {
  code?: string;
  kind?: string;
  name?: string;
  unitId?: string | null;
  legalBases?: BasisValues[];
  procedure?: string;
  timeLimit?: { days?: number | null; dayKind?: 'working' | 'calendar'; note?: string };
  fees?: string;
  supervision?: string;
  remedies?: {
    reconsiderationBody?: string;
    reconsiderationDays?: number;
    court?: string;
    litigationMonths?: number;
  };
  hasRandomInspection?: boolean;
  randomInspection?: { content?: string; method?: string; basis?: string };
  benchmarks?: BenchmarkValues[];
  effectiveFrom?: Dayjs | null;
  reason?: string;
}

const fen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? null : Math.round(yuan * 100);
const toYuan = (f: number | null) => (f === null ? null : f / 100);

type Content = Omit<PowerInputBody, 'code' | 'kind' | 'effectiveFrom' | 'reason'>;

function contentOf(v: VersionValues): Content {
  return {
    name: v.name ?? '',
    unitId: v.unitId ?? null,
    legalBases: (v.legalBases ?? []).map((b) => ({
      law: b.law ?? '',
      article: b.article ?? '',
      text: b.text ?? '',
      inForceFrom: isoDate(b.inForceFrom) ?? '',
      inForceTo: isoDate(b.inForceTo) ?? null,
      supersedes:
        b.supersedes?.law || b.supersedes?.article
          ? { law: b.supersedes.law ?? '', article: b.supersedes.article ?? '' }
          : null,
      lighter: b.lighter ?? false,
    })),
    procedure: v.procedure ?? '',
    timeLimit: {
      days: v.timeLimit?.days ?? null,
      dayKind: v.timeLimit?.dayKind ?? 'working',
      note: v.timeLimit?.note ?? '',
    },
    fees: v.fees ?? '',
    supervision: v.supervision ?? '',
    remedies: {
      reconsiderationBody: v.remedies?.reconsiderationBody ?? '',
      reconsiderationDays: v.remedies?.reconsiderationDays ?? 0,
      court: v.remedies?.court ?? '',
      litigationMonths: v.remedies?.litigationMonths ?? 0,
    },
    randomInspection: v.hasRandomInspection
      ? {
          content: v.randomInspection?.content ?? '',
          method: v.randomInspection?.method ?? '',
          basis: v.randomInspection?.basis ?? '',
        }
      : null,
    benchmarks: (v.benchmarks ?? []).map((b) => ({
      circumstance: (b.circumstance ?? '') as 'general',
      description: b.description ?? '',
      minFen: fen(b.minFen),
      maxFen: fen(b.maxFen),
      measures: b.measures ?? '',
    })),
  };
}

function valuesOf(v: PowerVersion): VersionValues {
  return {
    name: v.name,
    unitId: v.unitId,
    legalBases: v.legalBases.map((b) => ({
      ...b,
      inForceFrom: dayOf(b.inForceFrom),
      inForceTo: dayOf(b.inForceTo),
    })),
    procedure: v.procedure,
    timeLimit: v.timeLimit,
    fees: v.fees,
    supervision: v.supervision,
    remedies: v.remedies,
    hasRandomInspection: v.randomInspection !== null,
    randomInspection: v.randomInspection ?? undefined,
    benchmarks: v.benchmarks.map((b) => ({ ...b, minFen: toYuan(b.minFen), maxFen: toYuan(b.maxFen) })),
  };
}

const h3 = (text: string) => (
  <Divider titlePlacement="start" style={{ margin: '8px 0 16px' }}>
    <Typography.Text strong>{text}</Typography.Text>
  </Divider>
);

/**
 * 新增事项 / 修改事项: one form for the whole content of a version. A change is a new draft version with
 * its effective date and reason; only what differs from the newest version is sent.
 */
export function PowerVersionModal(props: {
  item?: PowerItem;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { item } = props;
  const { me } = useSession();
  const units = useUnitOptions(item?.agencyId ?? me?.agency.id);
  const [form] = Form.useForm<VersionValues>();
  const { submitting, problem, run, unchanged } = useSubmit(form);
  const toBody = (v: VersionValues): PowerInputBody => ({
    code: item ? item.code : (v.code ?? ''),
    kind: (item ? item.kind : (v.kind ?? '')) as PowerInputBody['kind'],
    ...contentOf(v),
    effectiveFrom: isoDate(v.effectiveFrom) ?? '',
    reason: v.reason ?? '',
  });
  const rules = schemaRules<VersionValues>(powerInput, toBody);
  /** A list's own rule (e.g. at least one legal basis); a list takes validator rules only. */
  const listRules = (name: string): NonNullable<FormListProps['rules']> => [
    {
      validator: async () => {
        const result = await powerInput.safeParseAsync(toBody(form.getFieldsValue(true) as VersionValues));
        const issue = result.error?.issues.find((i) => i.path.length === 1 && i.path[0] === name);
        if (issue) throw new Error(issue.message);
      },
    },
  ];
  const initial: VersionValues = item
    ? valuesOf(item.latest)
    : {
        legalBases: [{}],
        timeLimit: { days: null, dayKind: 'working', note: '' },
        hasRandomInspection: false,
        benchmarks: [],
      };
  const kind = Form.useWatch('kind', form) ?? item?.kind;
  const hasRandom = Form.useWatch('hasRandomInspection', form);

  async function save(values: VersionValues) {
    if (!item) {
      const created = await run(
        () => powersApi.create(toBody(values)),
        `事项 ${values.code ?? ''} 已保存为草稿`,
      );
      if (created) props.onSaved(created.item.id);
      return;
    }
    const changes = changedFields<Content>(contentOf(initial), contentOf(values));
    if (isEmpty(changes)) return unchanged();
    const edit: PowerEditBody = {
      ...changes,
      effectiveFrom: isoDate(values.effectiveFrom) ?? '',
      reason: values.reason ?? '',
    };
    const saved = await run(
      () => powersApi.edit(item.id, edit),
      `已新建第 ${item.latest.version + 1} 版草稿`,
    );
    if (saved) props.onSaved(item.id);
  }

  return (
    <FormModal<VersionValues>
      name="power-version"
      title={item ? `修改事项：${item.code} ${item.latest.name}` : '新增权责事项'}
      width={860}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={initial}
      okText="保存为草稿"
    >
      {h3('变更信息')}
      <Flex gap={16} wrap>
        <Form.Item
          name="effectiveFrom"
          label="生效日期"
          required
          validateFirst
          rules={[{ required: true, message: '请选择生效日期' }, ...rules('effectiveFrom')]}
          style={{ minWidth: 200 }}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="变更原因"
          required
          rules={rules('reason')}
          style={{ flex: 1, minWidth: 280 }}
        >
          <Input maxLength={500} placeholder="如：依据新修订的法规调整" />
        </Form.Item>
      </Flex>
      {h3('基本信息')}
      {!item && (
        <Flex gap={16} wrap>
          <Form.Item name="code" label="事项编码" required rules={rules('code')} style={{ minWidth: 200 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="kind"
            label="事项类别"
            required
            rules={[{ required: true, message: '请选择事项类别' }]}
            style={{ minWidth: 200 }}
          >
            <Select options={kindOptions} />
          </Form.Item>
        </Flex>
      )}
      <Form.Item name="name" label="事项名称" required rules={rules('name')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="unitId" label="承办机构" rules={rules('unitId')}>
        <Select allowClear options={units.options} placeholder="不选则为机关本身" />
      </Form.Item>
      {h3('法律依据')}
      <Form.List name="legalBases" rules={listRules('legalBases')}>
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={`依据 ${index + 1}`}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<MinusCircleOutlined />}
                    aria-label={`删除依据 ${index + 1}`}
                    onClick={() => remove(field.name)}
                  />
                }
              >
                <Flex gap={16} wrap>
                  <Form.Item
                    name={[field.name, 'law']}
                    label="法律法规名称"
                    required
                    rules={rules('legalBases', field.name, 'law')}
                    style={{ flex: 2, minWidth: 240 }}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'article']}
                    label="条款"
                    required
                    rules={rules('legalBases', field.name, 'article')}
                    style={{ flex: 1, minWidth: 140 }}
                  >
                    <Input maxLength={60} />
                  </Form.Item>
                </Flex>
                <Form.Item
                  name={[field.name, 'text']}
                  label="条文内容"
                  required
                  rules={rules('legalBases', field.name, 'text')}
                >
                  <Input.TextArea rows={3} maxLength={4000} />
                </Form.Item>
                <Flex gap={16} wrap>
                  <Form.Item
                    name={[field.name, 'inForceFrom']}
                    label="施行日期"
                    required
                    validateFirst
                    rules={[
                      { required: true, message: '请选择施行日期' },
                      ...rules('legalBases', field.name, 'inForceFrom'),
                    ]}
                  >
                    <DatePicker />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'inForceTo']}
                    label="失效日期"
                    dependencies={[['legalBases', field.name, 'inForceFrom']]}
                    rules={rules('legalBases', field.name, 'inForceTo')}
                  >
                    <DatePicker />
                  </Form.Item>
                </Flex>
                <Flex gap={16} wrap align="end">
                  <Form.Item
                    name={[field.name, 'supersedes', 'law']}
                    label="所修改替代的法律法规"
                    tooltip="本条是修改后的新规定时，填写被替代的旧规定（行政处罚法 §37 从旧兼从轻）"
                    rules={rules('legalBases', field.name, 'supersedes', 'law')}
                    style={{ flex: 2, minWidth: 240 }}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'supersedes', 'article']}
                    label="所替代的条款"
                    rules={rules('legalBases', field.name, 'supersedes', 'article')}
                    style={{ flex: 1, minWidth: 140 }}
                  >
                    <Input maxLength={60} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'lighter']}
                    valuePropName="checked"
                    rules={rules('legalBases', field.name, 'supersedes')}
                  >
                    <Checkbox>新规定处罚较轻或不认为违法</Checkbox>
                  </Form.Item>
                </Flex>
              </Card>
            ))}
            <div>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                添加法律依据
              </Button>
            </div>
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
      {h3('办理')}
      <Form.Item name="procedure" label="办理流程" required rules={rules('procedure')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          name={['timeLimit', 'days']}
          label="办理时限（天，不填为无固定时限）"
          rules={rules('timeLimit', 'days')}
        >
          <InputNumber min={1} max={3650} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name={['timeLimit', 'dayKind']} label="计算方式" rules={rules('timeLimit', 'dayKind')}>
          <Select
            style={{ width: 140 }}
            options={[
              { value: 'working', label: '工作日' },
              { value: 'calendar', label: '自然日' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name={['timeLimit', 'note']}
          label="时限说明"
          rules={rules('timeLimit', 'note')}
          style={{ flex: 1, minWidth: 200 }}
        >
          <Input maxLength={500} />
        </Form.Item>
      </Flex>
      <Form.Item name="fees" label="收费标准" required rules={rules('fees')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="supervision" label="监督渠道" required rules={rules('supervision')}>
        <Input maxLength={500} />
      </Form.Item>
      {h3('救济途径')}
      <Flex gap={16} wrap>
        <Form.Item
          name={['remedies', 'reconsiderationBody']}
          label="行政复议机关"
          required
          rules={rules('remedies', 'reconsiderationBody')}
          style={{ flex: 1, minWidth: 220 }}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name={['remedies', 'reconsiderationDays']}
          label="申请复议期限（日）"
          required
          rules={rules('remedies', 'reconsiderationDays')}
        >
          <InputNumber min={1} max={3650} precision={0} />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item
          name={['remedies', 'court']}
          label="行政诉讼法院"
          required
          rules={rules('remedies', 'court')}
          style={{ flex: 1, minWidth: 220 }}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name={['remedies', 'litigationMonths']}
          label="起诉期限（月）"
          required
          rules={rules('remedies', 'litigationMonths')}
        >
          <InputNumber min={1} max={120} precision={0} />
        </Form.Item>
      </Flex>
      {h3('随机抽查')}
      <Form.Item name="hasRandomInspection" label="列入随机抽查事项清单" valuePropName="checked">
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
      {hasRandom && (
        <>
          <Form.Item
            name={['randomInspection', 'content']}
            label="抽查内容"
            required
            rules={rules('randomInspection', 'content')}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item
            name={['randomInspection', 'method']}
            label="抽查方式"
            required
            rules={rules('randomInspection', 'method')}
          >
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item
            name={['randomInspection', 'basis']}
            label="抽查依据"
            required
            rules={rules('randomInspection', 'basis')}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
      {h3(kind === 'penalty' ? '裁量基准' : '裁量基准（仅行政处罚事项需要）')}
      <Form.List name="benchmarks" rules={listRules('benchmarks')}>
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={`裁量阶次 ${index + 1}`}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<MinusCircleOutlined />}
                    aria-label={`删除裁量阶次 ${index + 1}`}
                    onClick={() => remove(field.name)}
                  />
                }
              >
                <Flex gap={16} wrap>
                  <Form.Item
                    name={[field.name, 'circumstance']}
                    label="裁量情形"
                    required
                    rules={[{ required: true, message: '请选择裁量情形' }]}
                    style={{ minWidth: 160 }}
                  >
                    <Select options={circumstanceOptions} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'minFen']}
                    label="罚款下限（元）"
                    rules={rules('benchmarks', field.name, 'minFen')}
                  >
                    <InputNumber min={0} precision={2} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'maxFen']}
                    label="罚款上限（元）"
                    dependencies={[['benchmarks', field.name, 'minFen']]}
                    rules={rules('benchmarks', field.name, 'maxFen')}
                  >
                    <InputNumber min={0} precision={2} style={{ width: 160 }} />
                  </Form.Item>
                </Flex>
                <Form.Item
                  name={[field.name, 'description']}
                  label="适用情形"
                  required
                  rules={rules('benchmarks', field.name, 'description')}
                >
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'measures']}
                  label="其他处理"
                  rules={rules('benchmarks', field.name, 'measures')}
                >
                  <Input maxLength={500} />
                </Form.Item>
              </Card>
            ))}
            <div>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ measures: '' })}>
                添加裁量阶次
              </Button>
            </div>
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}
