import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProposalInput } from '../../api/cases.ts';
import { amountRule } from '../../ui/amount-rule.ts';
import { isoDate } from '../../ui/dates.ts';
import { optionsOf } from '../../ui/labels.tsx';
import { circumstanceLabels } from './cases.labels.ts';
import { rowsOf, SanctionsField, sanctionsOf, type SanctionRow } from './sanctions-field.tsx';

/**
 * The facts as established (issue 12 item 4), one form for both places they are written: the
 * investigation report when the investigation concludes (`findings` of the step), and the review
 * submission, which starts from the report (or from the last round, after a return) so that nothing is
 * typed twice. Under `name` in the surrounding form.
 */
export interface FindingsValues {
  facts?: string;
  evidence?: string;
  summary?: string;
  /** The sanctions proposed (行政处罚法 §9): the fine and the catalogue's measures come from them. */
  sanctions?: SanctionRow[];
  circumstance?: ProposalInput['circumstance'];
  discretionReason?: string;
  actEndedOn?: Dayjs | null;
  violatedBases?: { law?: string; article?: string }[];
  legalBases?: { law?: string; article?: string }[];
  flags?: ('lifeHealthOrFinancialHarm' | 'socialImpact' | 'complex')[];
}

type Basis = { law: string; article: string };

export function findingsOf(values: FindingsValues = {}): ProposalInput {
  const flags = new Set(values.flags ?? []);
  const bases = (list: FindingsValues['legalBases']) =>
    (list ?? []).map((b) => ({ law: b.law ?? '', article: b.article ?? '' }));
  const sanctions = sanctionsOf(values.sanctions);
  return {
    facts: values.facts ?? '',
    evidence: values.evidence ?? '',
    summary: values.summary ?? '',
    // The server derives the measures, the fine and the confiscation from the list.
    sanctions,
    measures: [],
    amountFen: 0,
    confiscationFen: 0,
    circumstance: values.circumstance ?? null,
    discretionReason: values.discretionReason ?? '',
    actEndedOn: isoDate(values.actEndedOn) ?? '',
    lifeHealthOrFinancialHarm: flags.has('lifeHealthOrFinancialHarm'),
    socialImpact: flags.has('socialImpact'),
    complex: flags.has('complex'),
    placeRegionCode: null,
    violatedBases: bases(values.violatedBases),
    legalBases: bases(values.legalBases),
  };
}

/** The form's values of a stored proposal (the report, or the last round's submission). */
export function findingsValues(
  p: Partial<ProposalInput> | undefined,
  itemBases: readonly Basis[],
): FindingsValues {
  if (!p) return { legalBases: [...itemBases], violatedBases: [], sanctions: [{ kind: 'fine' }] };
  const flags: NonNullable<FindingsValues['flags']> = [];
  if (p.lifeHealthOrFinancialHarm) flags.push('lifeHealthOrFinancialHarm');
  if (p.socialImpact) flags.push('socialImpact');
  if (p.complex) flags.push('complex');
  return {
    facts: p.facts,
    evidence: p.evidence,
    summary: p.summary,
    sanctions: p.sanctions
      ? rowsOf(p.sanctions)
      : p.amountFen
        ? [{ kind: 'fine', amountYuan: (p.amountFen / 100).toFixed(2) }]
        : [],
    circumstance: p.circumstance ?? undefined,
    discretionReason: p.discretionReason,
    actEndedOn: p.actEndedOn ? dayjs(p.actEndedOn) : null,
    violatedBases: p.violatedBases ?? [],
    legalBases: p.legalBases && p.legalBases.length > 0 ? p.legalBases : [...itemBases],
    flags,
  };
}

export { amountRule };

function BasesList(props: { name: (string | number)[]; label: string; required?: boolean }) {
  return (
    <Form.Item label={props.label} required={props.required ?? false}>
      <Form.List name={props.name}>
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start" wrap>
                <Form.Item
                  name={[field.name, 'law']}
                  rules={[{ required: true, whitespace: true, message: '请填写法律法规名称' }]}
                  style={{ flex: '2 1 200px', marginBottom: 0 }}
                >
                  <Input
                    placeholder="法律法规名称"
                    maxLength={100}
                    aria-label={`${props.label}：法律法规名称`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'article']}
                  rules={[{ required: true, whitespace: true, message: '请填写条款' }]}
                  style={{ flex: '1 1 120px', marginBottom: 0 }}
                >
                  <Input
                    placeholder="条款，如 第三十五条第一款"
                    maxLength={60}
                    aria-label={`${props.label}：条款`}
                  />
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
  );
}

export function FindingsFields(props: { name: string }) {
  const n = (key: string) => [props.name, key];
  return (
    <>
      <Form.Item
        name={n('facts')}
        label="违法事实"
        rules={[{ required: true, whitespace: true, message: '请填写违法事实' }]}
      >
        <Input.TextArea rows={4} maxLength={20000} showCount />
      </Form.Item>
      <Form.Item
        name={n('evidence')}
        label="证据及证明事项"
        extra="已制作的笔录和已上传的证据文件自动列入文书，此处写明各证据证明的事实"
      >
        <Input.TextArea rows={3} maxLength={20000} />
      </Form.Item>
      <BasesList name={n('violatedBases')} label="违反的规定（违法依据）" />
      <BasesList name={n('legalBases')} label="处罚依据" required />
      <Form.Item
        name={n('summary')}
        label="处理意见（拟作出的决定）"
        rules={[{ required: true, whitespace: true, message: '请填写拟作出的决定' }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <SanctionsField
        name={n('sanctions')}
        label="拟作出的行政处罚"
        extra="法制审核目录据此判断是否重大；告知书和决定书的处罚内容由此带出"
      />
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name={n('circumstance')} label="裁量情节">
            <Select options={optionsOf(circumstanceLabels)} allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={n('actEndedOn')}
            label="违法行为终了日"
            rules={[{ required: true, message: '请选择日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('discretionReason')} label="裁量说明">
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name={n('flags')} label="情形">
        <Checkbox.Group
          options={[
            { value: 'lifeHealthOrFinancialHarm', label: '涉及生命健康或财产安全' },
            { value: 'socialImpact', label: '社会影响较大' },
            { value: 'complex', label: '案情复杂' },
          ]}
        />
      </Form.Item>
    </>
  );
}
