import { Checkbox, DatePicker, Divider, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  partyKindLabels,
  publicationInput,
  sanctionKindLabels,
} from '../../../../src/publicity/publications.schema.ts';
import { publicationsApi, type PublicationInputBody } from '../../api/publications.ts';
import { useSession } from '../../auth/session-context.ts';
import { FormModal } from '../../forms/form-modal.tsx';
import { schemaRules } from '../../forms/schema-rule.ts';
import { useSubmit } from '../../forms/use-submit.ts';
import { isoDate } from '../../ui/dates.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { useUnitOptions } from '../org/use-units.ts';
import { kindOptions } from './publication-labels.tsx';

type SanctionKind = keyof typeof sanctionKindLabels;
/** The sanctions entered by ticking them; a fine takes its amount, bans their last day. */
const simpleSanctions = Object.keys(sanctionKindLabels).filter(
  (k) => k !== 'fine' && k !== 'practice_ban' && k !== 'production_restriction',
) as SanctionKind[];

type SanctionBody = NonNullable<PublicationInputBody['sanctions']>[number];

interface Values {
  kind?: string;
  unitId?: string | null;
  partyKind?: string;
  partyName?: string;
  partyCreditCode?: string;
  documentNumber?: string;
  decidedOn?: Dayjs | null;
  title?: string;
  summary?: string;
  documentText?: string;
  sanctions?: SanctionKind[];
  fineYuan?: number | null;
  idNumber?: string;
  phone?: string;
  address?: string;
}

function toBody(v: Values): PublicationInputBody {
  const natural = v.partyKind === 'natural_person';
  const simple = (v.sanctions ?? []).filter((k) => simpleSanctions.includes(k));
  return {
    kind: (v.kind ?? '') as PublicationInputBody['kind'],
    unitId: v.unitId ?? null,
    partyKind: (v.partyKind ?? '') as PublicationInputBody['partyKind'],
    partyName: v.partyName ?? '',
    partyCreditCode: natural ? null : v.partyCreditCode?.trim() || null,
    documentNumber: v.documentNumber ?? '',
    decidedOn: isoDate(v.decidedOn) ?? '',
    title: v.title ?? '',
    summary: v.summary ?? '',
    documentText: v.documentText ?? '',
    sanctions: [
      ...simple.map((kind) => ({ kind }) as SanctionBody),
      ...(v.fineYuan ? [{ kind: 'fine' as const, amountFen: Math.round(v.fineYuan * 100) }] : []),
    ],
    personalRecords: natural
      ? {
          naturalPersons: [
            {
              name: v.partyName ?? '',
              ...(v.idNumber ? { idNumber: v.idNumber } : {}),
              ...(v.phone ? { phone: v.phone } : {}),
              ...(v.address ? { addresses: [v.address] } : {}),
            },
          ],
          organisations: [],
        }
      : {
          naturalPersons: [],
          organisations: [
            { name: v.partyName ?? '', ...(v.partyCreditCode ? { creditCode: v.partyCreditCode } : {}) },
          ],
        },
    autoMask: true,
  };
}

const rules = schemaRules<Values>(publicationInput, toBody);

/**
 * 新建公示草稿: a decision summary with the full decision text; the party's identifiers go to the internal
 * record, which masking uses — the published text shows surname + 某某 and none of the numbers.
 */
export function PublicationCreateModal(props: { onClose: () => void; onSaved: (id: string) => void }) {
  const { me } = useSession();
  const units = useUnitOptions(me?.agency.id);
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form);
  const partyKind = Form.useWatch('partyKind', form);

  async function save(values: Values) {
    const created = await run(() => publicationsApi.create(toBody(values)), '公示草稿已保存');
    if (created) props.onSaved(created.id);
  }

  return (
    <FormModal<Values>
      name="publication-create"
      title="新建公示草稿"
      width={820}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(values) => void save(values)}
      initialValues={{ partyKind: 'organisation', sanctions: [] }}
      okText="保存为草稿"
    >
      <Flex gap={16} wrap>
        <Form.Item
          name="kind"
          label="类别"
          required
          rules={[{ required: true, message: '请选择类别' }]}
          style={{ minWidth: 180 }}
        >
          <Select options={kindOptions} />
        </Form.Item>
        <Form.Item name="unitId" label="承办机构" rules={rules('unitId')} style={{ flex: 1, minWidth: 220 }}>
          <Select allowClear options={units.options} placeholder="不选则为机关本身" />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item
          name="documentNumber"
          label="决定文号"
          required
          rules={rules('documentNumber')}
          style={{ flex: 1, minWidth: 260 }}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="decidedOn"
          label="决定日期"
          required
          validateFirst
          rules={[{ required: true, message: '请选择决定日期' }, ...rules('decidedOn')]}
        >
          <DatePicker />
        </Form.Item>
      </Flex>
      <Divider titlePlacement="start">当事人</Divider>
      <Flex gap={16} wrap>
        <Form.Item
          name="partyKind"
          label="当事人类型"
          required
          rules={rules('partyKind')}
          style={{ minWidth: 180 }}
        >
          <Select options={optionsOf(partyKindLabels)} />
        </Form.Item>
        <Form.Item
          name="partyName"
          label={partyKind === 'natural_person' ? '姓名（全名，公示时显示为“姓＋某某”）' : '名称'}
          required
          rules={rules('partyName')}
          style={{ flex: 1, minWidth: 260 }}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Flex>
      {partyKind === 'natural_person' ? (
        <>
          <Typography.Paragraph type="secondary">
            以下信息仅内部留存，用于在公示文本中查找并隐去；不会公开。
          </Typography.Paragraph>
          <Flex gap={16} wrap>
            <Form.Item
              name="idNumber"
              label="身份证号码"
              rules={rules('personalRecords', 'naturalPersons', 0, 'idNumber')}
            >
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item
              name="phone"
              label="联系电话"
              rules={rules('personalRecords', 'naturalPersons', 0, 'phone')}
            >
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="address" label="住址" style={{ flex: 1, minWidth: 240 }}>
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
        </>
      ) : (
        <Form.Item name="partyCreditCode" label="统一社会信用代码" rules={rules('partyCreditCode')}>
          <Input maxLength={18} style={{ width: 260 }} />
        </Form.Item>
      )}
      <Divider titlePlacement="start">决定</Divider>
      <Form.Item name="title" label="标题" required rules={rules('title')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="summary" label="摘要" required rules={rules('summary')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="sanctions" label="处罚种类">
        <Checkbox.Group options={simpleSanctions.map((k) => ({ value: k, label: sanctionKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="fineYuan" label="罚款金额（元，无罚款不填）">
        <InputNumber min={0.01} precision={2} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item
        name="documentText"
        label="决定书正文（全文，发布前自动脱敏）"
        required
        rules={rules('documentText')}
      >
        <Input.TextArea rows={8} maxLength={100_000} />
      </Form.Item>
    </FormModal>
  );
}
