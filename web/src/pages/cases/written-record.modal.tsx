import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { specOf, type FieldSpec } from '../../../../src/documents/document-types.ts';
import { casesApi, type CaseDetail, type WrittenRecordBody } from '../../api/cases.ts';
import { recordsApi } from '../../api/records.ts';
import { isoDate } from '../../ui/dates.ts';
import { labelOf } from '../../ui/labels.tsx';
import { SignaturePad } from '../../ui/signature-pad.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { evidenceKindLabels } from '../records/records.labels.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { partyOf, useCaseOfficers } from './document-parties.ts';
import { useCaseSubmit } from './use-case-submit.ts';

type RecordType = WrittenRecordBody['type'];

/** The written records (笔录) the form takes (POST /api/v1/documents/written-records). */
const recordTypes: readonly RecordType[] = [
  'on_site_record',
  'interview_record',
  'statement_record',
  'hearing_record',
];

interface Values {
  type?: RecordType;
  period?: [Dayjs | null, Dayjs | null] | null;
  officerIds?: string[];
  fields?: Record<string, string | undefined>;
  rows?: { question?: string; answer?: string }[];
  evidenceIds?: string[];
  refused?: boolean;
  signatures?: { party?: { png?: string; reason?: string }; officers?: (string | undefined)[] };
}

/** Fields the form fills itself: the time from the period, the AV list from the linked evidence. */
const ownFields = new Set(['time', 'startTime', 'endTime', 'avEvidence']);
/** One-line fields; the rest are paragraphs. */
const shortFields = new Set(['place', 'present', 'interviewee', 'chair']);

/**
 * The notice given before a record is taken (行政处罚法 §55: the officers show their certificates; §43: the
 * right to apply for recusal; §55: the duty to answer truthfully and assist), as the 2021 format's records say it.
 */
export function standardNotice(officers: readonly { name: string; certificateNumber: string }[]): string {
  const named = officers
    .map((o) => (o.certificateNumber ? `${o.name}（执法证号：${o.certificateNumber}）` : o.name))
    .join('、');
  return (
    `我们是本机关的执法人员${named}，已向你出示执法证件。` +
    '执法人员与本案有直接利害关系或者有其他关系可能影响公正执法的，你有权申请回避；你是否申请回避？' +
    '你应当如实回答询问，并协助调查或者检查，不得拒绝或者阻挠；作虚假陈述的，须承担相应的法律责任。'
  );
}

const at = (d: Dayjs) => d.format('YYYY年MM月DD日 HH时mm分');
function timeText(start: Dayjs, end: Dayjs | null | undefined): string {
  if (!end) return `${at(start)}起`;
  return `${at(start)}至${end.isSame(start, 'day') ? end.format('HH时mm分') : at(end)}`;
}

/**
 * 制作笔录: an on-site, interview, statement or hearing record of the case on its form — the case's parties
 * and two officers present (with their certificates), start and end times, place, the notice of rights
 * and recusal given, what was found or said (for an interview, its questions and answers), the AV
 * evidence of the case linked, and the signatures taken on the screen: the party's, or the party's
 * refusal with the circumstances, and each officer's.
 */
export function WrittenRecordModal(props: { detail: CaseDetail; onClose: () => void; onDone: () => void }) {
  const { detail } = props;
  const kase = detail.case;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const { officers, loading: officersLoading } = useCaseOfficers(detail);
  const evidence = useRequest(
    () => recordsApi.evidenceList({ subjectType: 'case', subjectId: kase.id, page: 1, pageSize: 200 }),
    [kase.id],
  );
  const type = Form.useWatch('type', form);
  const refused = Form.useWatch('refused', form);
  const chosenIds = Form.useWatch('officerIds', form) ?? [];
  const chosen = chosenIds.flatMap((id) => officers.filter((o) => o.personId === id));
  const spec = type ? specOf(type) : undefined;
  const timeLabel = spec?.fields.find((f) => f.key === 'time')?.label ?? '时间';
  const written = (spec?.fields ?? []).filter((f) => !ownFields.has(f.key));
  const uncertified = chosen.filter((o) => !o.certificateNumber);

  const typeOptions = recordTypes.map((value) => ({ value, label: specOf(value).title }));
  const evidenceOptions = (evidence.data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${labelOf(evidenceKindLabels, e.kind)} ${e.filename ?? e.sha256.slice(0, 12)}`,
  }));

  /** The notice names the officers chosen; typed over, it is the officer's own and kept. */
  const refreshNotice = (ids: readonly string[]) => {
    if (form.isFieldTouched(['fields', 'notice'])) return;
    const present = ids.flatMap((id) => officers.filter((o) => o.personId === id));
    form.setFieldValue(['fields', 'notice'], standardNotice(present));
  };

  // The certificates arrive after the form opened: the notice then names them, unless typed over.
  useEffect(() => {
    if (!officersLoading) refreshNotice((form.getFieldValue('officerIds') as string[] | undefined) ?? []);
  }, [officersLoading]);

  async function submit(values: Values) {
    if (!values.type) return;
    const s = specOf(values.type);
    const [start, end] = values.period ?? [null, null];
    const fields = Object.fromEntries(
      Object.entries(values.fields ?? {}).flatMap(([k, v]) =>
        typeof v === 'string' && v.trim() !== '' && s.fields.some((f) => f.key === k) ? [[k, v.trim()]] : [],
      ),
    );
    // The 2021 format's 开始时间 and 结束时间, each in full (hearing records keep one 时间 line).
    if (start) {
      if (s.fields.some((f) => f.key === 'endTime')) {
        fields.time = at(start);
        if (end) fields.endTime = at(end);
      } else {
        fields.time = timeText(start, end);
      }
    }
    const sig = values.signatures ?? {};
    const body: WrittenRecordBody = {
      type: values.type,
      subjectType: 'case',
      subjectId: kase.id,
      parties: detail.parties.map(partyOf),
      officers: chosen.map((o) => ({ name: o.name, certificateNumber: o.certificateNumber })),
      fields,
      rows: s.table
        ? (values.rows ?? []).map((r) => ({ question: r.question ?? '', answer: r.answer ?? '' }))
        : [],
      date: isoDate(end ?? start),
      signatures: {
        party: values.refused
          ? { refused: true, reason: sig.party?.reason ?? '' }
          : { png: sig.party?.png ?? '' },
        officers: (sig.officers ?? []).slice(0, 2).map((png) => png ?? ''),
      },
      evidenceIds: values.evidenceIds ?? [],
    };
    const issued = await run(() => casesApi.writtenRecord(body), '笔录已制作并签发，文号已编排');
    if (issued) props.onDone();
  }

  const initialOfficers = officers.slice(0, 2);
  const fieldItem = (f: FieldSpec) => (
    <Form.Item
      key={f.key}
      name={['fields', f.key]}
      label={f.label}
      rules={[
        {
          required: f.key === 'content' || f.key === 'statement' || f.key === 'place',
          whitespace: true,
          message: `请填写${f.label}`,
        },
      ]}
    >
      {shortFields.has(f.key) ? (
        <Input maxLength={f.key === 'place' ? 200 : 500} />
      ) : (
        <Input.TextArea autoSize={{ minRows: f.key === 'notice' ? 3 : 2, maxRows: 10 }} maxLength={20000} />
      )}
    </Form.Item>
  );

  return (
    <CaseFormModal<Values>
      name="written-record"
      title="制作笔录"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onReload={props.onClose}
      onFinish={(v) => void submit(v)}
      okText="签发笔录"
      width={820}
      initialValues={{
        type: 'on_site_record',
        officerIds: initialOfficers.map((o) => o.personId),
        fields: {
          notice: standardNotice(initialOfficers),
          interviewee: detail.parties[0]
            ? (detail.parties[0].legalRepresentative ??
              detail.parties[0].operatorName ??
              detail.parties[0].name)
            : undefined,
        },
        rows: [{}],
        evidenceIds: [],
        refused: false,
        signatures: { party: {}, officers: [] },
      }}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'parties',
            label: '当事人',
            children: detail.parties.map((p) => p.name).join('、') || '（案件未登记当事人）',
          },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} sm={10}>
          <Form.Item name="type" label="笔录种类" rules={[{ required: true, message: '请选择笔录种类' }]}>
            <Select options={typeOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="officerIds"
            label="执法人员（两名，出示执法证件）"
            rules={[
              {
                validator: async (_, ids: string[] | undefined) => {
                  if ((ids ?? []).length !== 2)
                    throw new Error('笔录须由两名执法人员制作并签名（行政处罚法第四十二条）');
                },
              },
            ]}
          >
            <Select
              mode="multiple"
              options={officers.map((o) => ({
                value: o.personId,
                label: o.certificateNumber
                  ? `${o.name}（${o.certificateNumber}）`
                  : `${o.name}（无有效执法证）`,
              }))}
              onChange={(ids: string[]) => refreshNotice(ids)}
            />
          </Form.Item>
        </Col>
      </Row>
      {officers.length < 2 && !officersLoading && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="本案未回避的办案人员不足两名，请先在“办案人员与回避”中指派"
        />
      )}
      {uncertified.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${uncertified.map((o) => o.name).join('、')}没有有效的执法证，不能制作笔录`}
        />
      )}
      <Form.Item
        name="period"
        label={`${timeLabel}（起止）`}
        rules={[
          {
            validator: async (_, v: Values['period']) => {
              if (!v?.[0] || !v[1]) throw new Error('请填写开始和结束时间');
              if (v[1].isBefore(v[0])) throw new Error('结束时间不能早于开始时间');
            },
          },
        ]}
      >
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          placeholder={['开始时间', '结束时间']}
          style={{ width: '100%' }}
        />
      </Form.Item>
      {written.map(fieldItem)}
      {spec?.table && (
        <>
          <Divider titlePlacement="start" plain>
            询问内容（一问一答）
          </Divider>
          <Form.List name="rows">
            {(rows, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                {rows.map((row, i) => (
                  <Flex key={row.key} gap={8} align="start" data-testid="qa-row">
                    <Flex vertical gap={4} style={{ flex: 1 }}>
                      <Form.Item
                        name={[row.name, 'question']}
                        rules={[{ required: true, whitespace: true, message: '请填写问题' }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input.TextArea
                          aria-label={`问 ${i + 1}`}
                          placeholder={`问 ${i + 1}`}
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          maxLength={2000}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[row.name, 'answer']}
                        rules={[
                          { required: true, whitespace: true, message: '请填写回答（未回答的，如实记录）' },
                        ]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input.TextArea
                          aria-label={`答 ${i + 1}`}
                          placeholder={`答 ${i + 1}`}
                          autoSize={{ minRows: 1, maxRows: 8 }}
                          maxLength={5000}
                        />
                      </Form.Item>
                    </Flex>
                    <Button
                      type="text"
                      aria-label={`删除第 ${i + 1} 问`}
                      icon={<MinusCircleOutlined />}
                      disabled={rows.length === 1}
                      onClick={() => remove(row.name)}
                    />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  添加一问一答
                </Button>
              </Flex>
            )}
          </Form.List>
        </>
      )}
      <Form.Item name="evidenceIds" label="关联的音像记录（本案证据文件）">
        <Select
          mode="multiple"
          options={evidenceOptions}
          loading={evidence.loading}
          placeholder={evidenceOptions.length ? '选择现场拍摄的照片、录音、录像' : '本案尚无证据文件'}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        签名
      </Divider>
      <Typography.Paragraph type="secondary">
        请当事人核对笔录内容无误后在下框签名；当事人拒绝签名的，勾选“当事人拒绝签名”并记录拒签情况，由执法人员在笔录上注明。
      </Typography.Paragraph>
      <Form.Item name="refused" valuePropName="checked">
        <Checkbox>当事人拒绝签名</Checkbox>
      </Form.Item>
      {refused ? (
        <Form.Item
          name={['signatures', 'party', 'reason']}
          label="拒签情况"
          rules={[{ required: true, whitespace: true, message: '请记录当事人拒绝签名的情况' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount />
        </Form.Item>
      ) : (
        <Form.Item
          name={['signatures', 'party', 'png']}
          label="当事人签名"
          rules={[{ required: true, message: '请当事人签名，或记录拒签情况' }]}
        >
          <SignaturePad label="当事人签名" data-testid="signature-party" />
        </Form.Item>
      )}
      <Row gutter={16}>
        {[0, 1].map((i) => (
          <Col xs={24} sm={12} key={i}>
            <Form.Item
              name={['signatures', 'officers', i]}
              label={`执法人员签名${chosen[i] ? `（${chosen[i].name}）` : ''}`}
              rules={[{ required: true, message: '请执法人员签名' }]}
            >
              <SignaturePad
                label={`执法人员签名${chosen[i] ? `（${chosen[i].name}）` : ''}`}
                data-testid={`signature-officer-${i}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </CaseFormModal>
  );
}
