import { DownloadOutlined, EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { documentTypes } from '../../../../src/documents/document-types.ts';
import { download } from '../../api/client.ts';
import { casesApi, type CaseDetail, type IssuedDocument, type IssueBody } from '../../api/cases.ts';
import { formatInstant, isoDate, today } from '../../ui/dates.ts';
import { amountRule } from './findings-fields.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { useRequest } from '../../ui/use-request.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { fenOf } from './cases.labels.ts';
import { useCaseSubmit } from './use-case-submit.ts';
import { WrittenRecordModal } from './written-record.modal.tsx';

type TypeCode = keyof typeof documentTypes;

/**
 * 执法文书: the case's issued documents (number, verification code, .docx and PDF), and issuing a new one
 * from the agency's template, filled from the case (parties, officers with their certificates, the power
 * item's legal bases) and what the officer types; and taking a written record (笔录) on its form, signed on
 * the screen (written-record.modal.tsx).
 */
export function CaseDocuments(props: { detail: CaseDetail; suggested: readonly string[]; tick: number }) {
  const kase = props.detail.case;
  const list = useRequest(() => casesApi.documents(kase.id), [kase.id, props.tick]);
  const [issuing, setIssuing] = useState(false);
  const [recording, setRecording] = useState(false);
  return (
    <>
      <LoadError error={list.error} retry={list.reload} />
      <Table<IssuedDocument>
        rowKey="id"
        size="small"
        loading={list.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={list.data ?? []}
        locale={{ emptyText: '尚未制作文书' }}
        columns={[
          { title: '文书', dataIndex: 'title' },
          {
            title: '文号',
            dataIndex: 'number',
            render: (n: string) => <Typography.Text strong>{n}</Typography.Text>,
          },
          {
            title: '核验码',
            dataIndex: 'verificationCode',
            render: (code: string | null, d) =>
              d.sealed && code ? (
                <Typography.Text code copyable data-testid="verification-code">
                  {code}
                </Typography.Text>
              ) : (
                <Tag>写入记录日志后生成</Tag>
              ),
          },
          {
            title: '签发时间',
            dataIndex: 'issuedAt',
            render: (at: string) => formatInstant(at),
            responsive: ['md'],
          },
          {
            title: '下载',
            key: 'download',
            render: (_, d) =>
              d.sealed && (
                <Space wrap>
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    onClick={() => void download(casesApi.documentContent(d.id), {}, `${d.number}.docx`)}
                  >
                    .docx
                  </Button>
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    onClick={() =>
                      void download(casesApi.documentPdf(d.id), {}, `${d.number}.pdf`).catch(() =>
                        list.reload(),
                      )
                    }
                  >
                    PDF
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {!kase.final && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button icon={<FileAddOutlined />} onClick={() => setIssuing(true)}>
            制作文书
          </Button>
          <Button icon={<EditOutlined />} onClick={() => setRecording(true)}>
            制作笔录
          </Button>
        </Space>
      )}
      {recording && (
        <WrittenRecordModal
          detail={props.detail}
          onClose={() => setRecording(false)}
          onDone={() => {
            setRecording(false);
            list.reload();
          }}
        />
      )}
      {issuing && (
        <IssueModal
          detail={props.detail}
          suggested={props.suggested}
          onClose={() => setIssuing(false)}
          onDone={() => {
            setIssuing(false);
            list.reload();
          }}
        />
      )}
    </>
  );
}

interface Values {
  type?: TypeCode;
  date?: Dayjs | null;
  data?: { fields?: Record<string, string>; amountFen?: string };
}

/**
 * 制作文书: the type's fields as the case fills them (GET /documents/draft: party, officers with their
 * certificates, bases, facts, evidence, sanctions, payment and remedies from the agency's settings), for
 * the officer to check and complete; only what the officer changes is sent, and recorded as edited.
 */
function IssueModal(props: {
  detail: CaseDetail;
  suggested: readonly string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const kase = props.detail.case;
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useCaseSubmit(form);
  const type = Form.useWatch('type', form);
  const spec = type ? documentTypes[type] : undefined;
  const draft = useRequest(
    () => (type ? casesApi.draft(kase.id, type) : Promise.resolve(undefined)),
    [kase.id, type],
  );
  const fields = draft.data?.data.fields;
  useEffect(() => {
    if (!fields) return;
    for (const [key, value] of Object.entries(fields)) {
      const name = ['data', 'fields', key] as ['data', 'fields', string];
      if (!form.isFieldTouched(name)) form.setFieldValue(name, value);
    }
  }, [fields, form]);
  const suggested = new Set(props.suggested);
  const typeOptions = (Object.entries(documentTypes) as [TypeCode, (typeof documentTypes)[TypeCode]][])
    .map(([value, t]) => ({
      value,
      label: suggested.has(t.title) ? `${t.title}（本环节）` : t.title,
      first: suggested.has(t.title),
    }))
    .sort((a, b) => Number(b.first) - Number(a.first));

  async function submit(values: Values) {
    if (!values.type) return;
    const before = draft.data?.data.fields ?? {};
    const body: IssueBody = {
      type: values.type,
      subjectType: 'case',
      subjectId: kase.id,
      data: {
        fields: Object.fromEntries(
          Object.entries(values.data?.fields ?? {}).filter(
            (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== (before[e[0]] ?? ''),
          ),
        ),
        ...(values.data?.amountFen ? { amountFen: fenOf(values.data.amountFen) } : {}),
        date: isoDate(values.date),
      },
    };
    const issued = await run(() => casesApi.issue(body), '文书已签发，文号已编排');
    if (issued) props.onDone();
  }

  const d = draft.data?.data;
  return (
    <CaseFormModal<Values>
      name="document-issue"
      title="制作文书"
      form={form}
      submitting={submitting}
      problem={problem}
      onCancel={props.onClose}
      onReload={props.onClose}
      onFinish={(v) => void submit(v)}
      okText="签发"
      width={760}
      initialValues={{ type: typeOptions[0]?.first ? typeOptions[0].value : undefined, date: today() }}
    >
      <Row gutter={16}>
        <Col xs={24} sm={16}>
          <Form.Item name="type" label="文书种类" rules={[{ required: true, message: '请选择文书种类' }]}>
            <Select options={typeOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="date" label="落款日期">
            <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(today())} />
          </Form.Item>
        </Col>
      </Row>
      {spec && d && (
        <Typography.Paragraph type="secondary" data-testid="draft-summary">
          {'party' in spec &&
            spec.party &&
            `当事人：${d.parties?.map((p) => p.name).join('、') || '（案件未登记当事人）'}。`}
          {'officers' in spec &&
            spec.officers &&
            `执法人员：${d.officers?.map((o) => `${o.name}（${o.certificateNumber || '无有效执法证'}）`).join('、') ?? ''}。`}
          {'bases' in spec &&
            spec.bases &&
            `法律依据：${d.legalBases?.map((b) => `《${b.law}》${b.article}`).join('、') || '（案件未关联权责事项）'}。`}
          {'amount' in spec && spec.amount && d.amountFen
            ? `金额：${(d.amountFen / 100).toFixed(2)} 元。`
            : ''}
        </Typography.Paragraph>
      )}
      {spec?.fields.map((f) => (
        <Form.Item
          key={f.key}
          name={['data', 'fields', f.key]}
          label={
            <>
              {f.label}
              {f.source === 'case' ? <Tag style={{ marginLeft: 6 }}>自动填写</Tag> : null}
            </>
          }
          required={!('optional' in f && f.optional)}
          extra={draft.data?.needs[f.key]}
          rules={[{ max: f.max, message: `「${f.label}」不能超过 ${f.max} 个字符` }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} />
        </Form.Item>
      ))}
      {spec && 'amount' in spec && spec.amount && (
        <Form.Item
          name={['data', 'amountFen']}
          label="金额（元）"
          extra="不填则取案件的决定金额或拟处罚金额"
          rules={[amountRule]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      )}
    </CaseFormModal>
  );
}
