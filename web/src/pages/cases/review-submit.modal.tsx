import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { casesApi, type CaseDetail, type ProposalInput } from '../../api/cases.ts';
import { powersApi } from '../../api/powers.ts';
import { isoDate } from '../../ui/dates.ts';
import { useRequest } from '../../ui/use-request.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { CaseFormModal } from './case-form-modal.tsx';
import { circumstanceLabels, fenOf } from './cases.labels.ts';
import { useCaseSubmit } from './use-case-submit.ts';

interface Values {
  proposal?: Proposal;
  flags?: ('lifeHealthOrFinancialHarm' | 'socialImpact' | 'complex')[];
}

interface Proposal {
  facts?: string;
  summary?: string;
  amountFen?: string;
  circumstance?: ProposalInput['circumstance'];
  discretionReason?: string;
  actEndedOn?: Dayjs | null;
  legalBases?: { law?: string; article?: string }[];
}

/**
 * 提交法制审核 (POST /api/v1/reviews): the proposed decision and the facts the review catalogue classifies
 * by; the review area assembles the rest of the package from the case.
 */
export function ReviewSubmitModal(props: { detail: CaseDetail; onClose: () => void; onDone: () => void }) {
  const kase = props.detail.case;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useCaseSubmit(form);
  // The legal bases proposed start from the power item's (the review checks them against the item).
  const item = useRequest(
    () => (kase.itemId ? powersApi.detail(kase.itemId) : Promise.resolve(undefined)),
    [kase.itemId],
  );

  async function submit({ proposal: values = {}, ...rest }: Values) {
    const flags = new Set(rest.flags ?? []);
    const proposal = {
      facts: values.facts ?? '',
      summary: values.summary ?? '',
      amountFen: fenOf(values.amountFen) ?? 0,
      circumstance: values.circumstance ?? null,
      discretionReason: values.discretionReason ?? '',
      actEndedOn: isoDate(values.actEndedOn) ?? '',
      lifeHealthOrFinancialHarm: flags.has('lifeHealthOrFinancialHarm'),
      socialImpact: flags.has('socialImpact'),
      complex: flags.has('complex'),
      legalBases: (values.legalBases ?? []).map((b) => ({ law: b.law ?? '', article: b.article ?? '' })),
    };
    const done = await run(() => casesApi.submitReview(kase.id, proposal), '已提交法制审核');
    if (done) props.onDone();
  }

  if (kase.itemId && item.loading) return null;
  const bases = (item.data?.item.latest.legalBases ?? []).map((b) => ({ law: b.law, article: b.article }));
  return (
    <CaseFormModal<Values>
      name="review-submit"
      title={`提交法制审核：${kase.caseNumber}`}
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onFinish={(v) => void submit(v)}
      onReload={props.onClose}
      initialValues={{
        proposal: {
          amountFen: kase.proposedAmountFen ? (kase.proposedAmountFen / 100).toFixed(2) : undefined,
          legalBases: bases,
        },
      }}
    >
      <Form.Item
        name={['proposal', 'facts']}
        label="违法事实"
        rules={[{ required: true, whitespace: true, message: '请填写违法事实' }]}
      >
        <Input.TextArea rows={4} maxLength={20000} />
      </Form.Item>
      <Form.Item
        name={['proposal', 'summary']}
        label="拟作出的决定"
        rules={[{ required: true, whitespace: true, message: '请填写拟作出的决定' }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item
            name={['proposal', 'amountFen']}
            label="罚款金额（元）"
            rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '最多两位小数' }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name={['proposal', 'circumstance']} label="裁量情节">
            <Select options={optionsOf(circumstanceLabels)} allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name={['proposal', 'actEndedOn']}
            label="违法行为终了日"
            rules={[{ required: true, message: '请选择日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['proposal', 'discretionReason']} label="裁量说明">
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item label="拟适用的法律依据" required>
        <Form.List name={['proposal', 'legalBases']}>
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'law']}
                    rules={[{ required: true, whitespace: true, message: '请填写法律法规名称' }]}
                    style={{ flex: '2 1 200px', marginBottom: 0 }}
                  >
                    <Input placeholder="法律法规名称" maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'article']}
                    rules={[{ required: true, whitespace: true, message: '请填写条款' }]}
                    style={{ flex: '1 1 120px', marginBottom: 0 }}
                  >
                    <Input placeholder="条款，如 第一百二十四条" maxLength={60} />
                  </Form.Item>
                  <Button
                    type="text"
                    aria-label="删除这条依据"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                添加依据
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="flags" label="情形">
        <Checkbox.Group
          options={[
            { value: 'lifeHealthOrFinancialHarm', label: '涉及生命健康或财产安全' },
            { value: 'socialImpact', label: '社会影响较大' },
            { value: 'complex', label: '案情复杂' },
          ]}
        />
      </Form.Item>
    </CaseFormModal>
  );
}
