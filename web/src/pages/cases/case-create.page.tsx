import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { partyTypeLabels, partyTypes } from '../../../../src/cases/party.rules.ts';
import { creditCodeMessages, creditCodeProblem } from '../../../../src/org/credit-code.rules.ts';
import { isValidIdNumber } from '../../../../src/publicity/personal-data.rules.ts';
import { casesApi, type CaseInput } from '../../api/cases.ts';
import { powersApi } from '../../api/powers.ts';
import { useSession } from '../../auth/session-context.ts';
import { isoDate, today } from '../../ui/dates.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { usePeopleOptions } from '../records/use-records-options.ts';
import { CaseProblemAlert } from './case-problem.tsx';
import { fieldOptions } from './case-fields.ts';
import { kindOptions, lifecycles } from './cases.labels.ts';
import { useCaseSubmit } from './use-case-submit.ts';
import { causeOfItem, fieldOfItem } from '../../../../src/cases/item-cause.rules.ts';

interface PartyValues {
  type: 'person' | 'individual_business' | 'organisation';
  name?: string;
  operatorName?: string;
  idNumber?: string;
  creditCode?: string;
  legalRepresentative?: string;
  phone?: string;
  address?: string;
}

interface Values {
  kind?: CaseInput['kind'];
  itemId?: string;
  title?: string;
  field?: CaseInput['field'];
  source?: string;
  discoveredOn?: Dayjs | null;
  parties?: PartyValues[];
  officerIds?: string[];
}

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);

function partyOf(p: PartyValues): NonNullable<CaseInput['parties']>[number] {
  if (p.type === 'individual_business') {
    return {
      type: 'individual_business',
      name: p.name ?? '',
      creditCode: blank(p.creditCode)?.toUpperCase() ?? null,
      operatorName: p.operatorName ?? '',
      idNumber: blank(p.idNumber),
      phone: blank(p.phone),
      address: blank(p.address),
    };
  }
  return p.type === 'person'
    ? {
        type: 'person',
        name: p.name ?? '',
        idNumber: blank(p.idNumber),
        phone: blank(p.phone),
        address: blank(p.address),
      }
    : {
        type: 'organisation',
        name: p.name ?? '',
        creditCode: blank(p.creditCode)?.toUpperCase() ?? null,
        legalRepresentative: blank(p.legalRepresentative),
        phone: blank(p.phone),
        address: blank(p.address),
      };
}

/** The item's action kind for each kind of case (the power list classifies items by action kind). */
const actionKindOf = (kind: string | undefined) =>
  kind && kind in lifecycles ? lifecycles[kind as keyof typeof lifecycles].actionKind : undefined;

/**
 * 登记案件: kind (and with it the procedure), the item of the power list acted on, the field, the source,
 * the parties — a natural person (ID number checked, GB 11643) or an organisation (unified social credit
 * code checked, GB 32100) — and officers assigned at once.
 */
export function CaseCreatePage() {
  const { me } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const kind = Form.useWatch('kind', form);
  const actionKind = actionKindOf(kind);
  const { officerOptions } = usePeopleOptions(me?.agency.id);
  const items = useRequest(
    () =>
      me && actionKind
        ? powersApi.list({ agencyId: me.agency.id, kind: actionKind, page: 1, pageSize: 200 })
        : Promise.resolve(undefined),
    [me?.agency.id, actionKind],
  );
  const itemOptions = (items.data?.items ?? []).map((i) => ({
    value: i.id,
    label: `${i.code} ${i.latest.name}`,
  }));

  /** Issue 12 item 4: the item chosen fills the cause (案由) and the field, unless the officer wrote them. */
  function fillFromItem(id: string | undefined) {
    const item = items.data?.items.find((i) => i.id === id);
    if (!item) return;
    if (!form.isFieldTouched('title') || !form.getFieldValue('title')) {
      form.setFieldValue('title', causeOfItem(item.latest.name));
    }
    const field = fieldOfItem(item.latest.legalBases);
    if (field && !form.isFieldTouched('field')) form.setFieldValue('field', field);
  }

  async function submit(values: Values) {
    const input: CaseInput = {
      kind: values.kind ?? 'penalty_ordinary',
      title: values.title ?? '',
      itemId: values.itemId ?? null,
      field: values.field ?? 'food',
      source: values.source ?? '',
      discoveredOn: isoDate(values.discoveredOn),
      parties: (values.parties ?? []).map(partyOf),
      officerIds: values.officerIds ?? [],
    };
    const created = await run(() => casesApi.create(input), '案件已登记');
    if (created) void navigate(`/cases?case=${created.case.id}`);
  }

  const half = { xs: 24, md: 12 };
  const third = { xs: 24, md: 8 };
  return (
    <>
      <PageHeader title="登记案件" />
      <CaseProblemAlert problem={problem} onReload={() => undefined} />
      <Form<Values>
        name="case-create"
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={{
          kind: 'penalty_ordinary',
          discoveredOn: today(),
          parties: [{ type: 'organisation' }],
          officerIds: me ? [me.personId] : [],
        }}
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 960 }}
      >
        <Card size="small" title="案件" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="kind" label="案件类别" rules={[{ required: true, message: '请选择案件类别' }]}>
                <Select options={kindOptions} onChange={() => form.setFieldValue('itemId', undefined)} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="itemId" label="权责事项" extra="从本机关权责清单中选择">
                <Select
                  options={itemOptions}
                  loading={items.loading}
                  onChange={(id: string | undefined) => fillFromItem(id)}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="按编码或名称搜索"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="title"
            label="案由（事项）"
            rules={[{ required: true, whitespace: true, message: '请填写案由' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Row gutter={16}>
            <Col {...third}>
              <Form.Item
                name="field"
                label="执法领域"
                rules={[{ required: true, message: '请选择执法领域' }]}
              >
                <Select options={fieldOptions} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item
                name="source"
                label="案件来源"
                rules={[{ required: true, whitespace: true, message: '请填写案件来源' }]}
              >
                <Input maxLength={200} placeholder="如 投诉举报、监督检查发现" />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name="discoveredOn" label="发现（受理）日期">
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today())} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="officerIds" label="办案人员" extra="立案、调查等环节须两名以上持有效执法证的人员">
            <Select mode="multiple" options={officerOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Card>
        <Card size="small" title="当事人" style={{ marginBottom: 16 }}>
          <Form.List name="parties">
            {(fields, { add, remove }) => (
              <Flex vertical gap={16}>
                {fields.map((field, i) => (
                  <PartyFields
                    key={field.key}
                    name={field.name}
                    index={i}
                    onRemove={() => remove(field.name)}
                  />
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'person' })}>
                  添加当事人
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Button type="primary" htmlType="submit" loading={submitting} block={false}>
          登记
        </Button>
      </Form>
    </>
  );
}

function PartyFields({ name, index, onRemove }: { name: number; index: number; onRemove: () => void }) {
  const form = Form.useFormInstance<Values>();
  const type = Form.useWatch(['parties', name, 'type'], form) as PartyValues['type'] | undefined;
  const half = { xs: 24, md: 12 };
  return (
    <div style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 12 }}>
      <Flex justify="space-between" align="center">
        <Typography.Text strong>当事人 {index + 1}</Typography.Text>
        <Button
          type="text"
          aria-label={`删除当事人 ${index + 1}`}
          icon={<MinusCircleOutlined />}
          onClick={onRemove}
        />
      </Flex>
      <Form.Item name={[name, 'type']} label="类型">
        <Radio.Group
          optionType="button"
          options={partyTypes.map((value) => ({ value, label: partyTypeLabels[value] }))}
        />
      </Form.Item>
      {type === 'individual_business' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          个体工商户按自然人适用处罚金额（行政处罚法 §51，简易程序罚款不超过 200 元）；统一社会信用代码以 92
          开头。经营者的姓名、身份证号码等属个人信息，公示时隐去。
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name={[name, 'name']}
            label={type === 'person' ? '姓名' : type === 'individual_business' ? '名称（字号）' : '单位名称'}
            rules={[
              {
                required: true,
                whitespace: true,
                message: type === 'person' ? '请填写姓名' : '请填写单位名称',
              },
            ]}
          >
            <Input maxLength={type === 'person' ? 50 : 100} />
          </Form.Item>
        </Col>
        {type !== 'organisation' && (
          <Col {...half}>
            <Form.Item
              name={[name, 'idNumber']}
              label={type === 'person' ? '身份证件号码' : '经营者身份证件号码'}
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    if (v?.trim() && !isValidIdNumber(v.trim().toUpperCase())) {
                      throw new Error('身份证号码不正确（应为 18 位，校验位按 GB 11643 计算）');
                    }
                  },
                },
              ]}
            >
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        )}
        {type === 'individual_business' && (
          <Col {...half}>
            <Form.Item
              name={[name, 'operatorName']}
              label="经营者姓名"
              rules={[{ required: true, whitespace: true, message: '请填写经营者姓名' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        )}
        {type !== 'person' && (
          <Col {...half}>
            <Form.Item
              name={[name, 'creditCode']}
              label="统一社会信用代码"
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    const code = v?.trim().toUpperCase();
                    const problem = code ? creditCodeProblem(code) : null;
                    if (problem) throw new Error(creditCodeMessages[problem]);
                  },
                },
              ]}
            >
              <Input maxLength={18} />
            </Form.Item>
          </Col>
        )}
        {type === 'organisation' && (
          <Col {...half}>
            <Form.Item name={[name, 'legalRepresentative']} label="法定代表人">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name={[name, 'phone']} label="联系电话">
            <Input maxLength={30} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name={[name, 'address']}
            label={type === 'person' ? '住址' : type === 'individual_business' ? '经营场所' : '住所'}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
    </div>
  );
}
