/**
 * The document set of a case file (docs/documents.md "Document set": the 2021 market-regulation penalty
 * document templates, 市场监督管理行政执法文书格式范本, 国市监法发〔2021〕42号), plus the evidence list of
 * the electronic case file and the 行政处罚信息摘要 (公示规定 §4). Each type says what its template
 * shows, in the format's order: the text fields it prints, who writes each one — filled from the case
 * (`case`, editable by the officer before issuing, the edit recorded) or typed by the officer (`officer`)
 * — whether it may be left empty, how long it may be, and whether it prints as a labelled line or as a
 * paragraph of the body; whether the document names a party, the officers with their certificates
 * (行政处罚法 §42, §55), legal bases, an amount, a table, and signatures (written records, 笔录). Pure
 * data, browser-safe.
 */
export type FieldSource = 'case' | 'officer';

export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  /** Who writes it: filled from the case (the officer may edit it), or typed by the officer. */
  readonly source: FieldSource;
  /** May be empty; a document with an empty required field is not issued (the error names it). */
  readonly optional?: boolean;
  /** The longest text it takes, in characters: a longer one is refused, never cut. */
  readonly max: number;
  /** Printed as a paragraph of the body, without its label (the decision's prescribed paragraphs). */
  readonly paragraph?: boolean;
}

export interface TableSpec {
  readonly columns: readonly { readonly key: string; readonly label: string }[];
}

export interface DocumentTypeSpec {
  readonly title: string;
  /** The word in the document number: 衡县市监{word}〔2026〕12号. */
  readonly word: string;
  readonly fields: readonly FieldSpec[];
  /** Names the party (every element of it the case holds); `'optional'` where it may not be known yet. */
  readonly party?: boolean | 'optional';
  readonly bases?: boolean;
  readonly amount?: boolean;
  readonly table?: TableSpec;
  /** Written records (笔录) and forms the party signs: party and two officers sign, or the party refuses. */
  readonly signatures?: boolean;
  /** Officers named on the document with their certificate numbers (≥ 2, 行政处罚法 §42, §55). */
  readonly officers?: boolean;
  /** Fits one page (a form): printed compactly, the verification code beside the date. */
  readonly onePage?: boolean;
}

const SHORT = 200;
const LINE = 1000;
const TEXT = 20_000;

type Options = { optional?: boolean; max?: number; paragraph?: boolean };
const fromCase = (key: string, label: string, o: Options = {}): FieldSpec => ({
  key,
  label,
  source: 'case',
  max: o.max ?? LINE,
  ...(o.optional ? { optional: true } : {}),
  ...(o.paragraph ? { paragraph: true } : {}),
});
const byOfficer = (key: string, label: string, o: Options = {}): FieldSpec => ({
  ...fromCase(key, label, o),
  source: 'officer',
});

/** The header of a written record (2021 format): start and end, place, recorder, the notice given. */
const recordHeader = (place: string) => [
  fromCase('time', '开始时间', { max: SHORT }),
  fromCase('endTime', '结束时间', { max: SHORT }),
  fromCase('place', place, { max: SHORT }),
  fromCase('recorder', '记录人', { max: SHORT }),
  fromCase('notice', '告知事项', { max: 4000 }),
];

export const documentTypes = {
  case_source: {
    title: '案件来源登记表',
    word: '案源',
    party: 'optional',
    onePage: true,
    fields: [
      fromCase('source', '案件来源', { max: SHORT }),
      fromCase('receivedOn', '登记时间', { max: SHORT }),
      fromCase('summary', '基本情况', { max: 4000 }),
      fromCase('opinion', '处理意见', { max: 2000 }),
    ],
  },
  filing_approval: {
    title: '立案审批表',
    word: '立',
    party: true,
    officers: true,
    bases: true,
    onePage: true,
    fields: [
      fromCase('caseName', '案由', { max: SHORT }),
      fromCase('source', '案件来源', { max: SHORT }),
      fromCase('summary', '简要案情及立案理由', { max: 4000 }),
      fromCase('opinion', '审批意见', { max: 2000 }),
    ],
  },
  non_filing_approval: {
    title: '不予立案审批表',
    word: '不立',
    party: 'optional',
    onePage: true,
    fields: [
      fromCase('caseName', '案由', { max: SHORT }),
      fromCase('source', '案件来源', { max: SHORT }),
      fromCase('summary', '简要情况', { max: 4000 }),
      fromCase('reason', '不予立案理由', { max: 4000 }),
      fromCase('opinion', '审批意见', { max: 2000 }),
    ],
  },
  on_site_record: {
    title: '现场笔录',
    word: '现笔',
    party: true,
    officers: true,
    signatures: true,
    fields: [
      ...recordHeader('检查地点'),
      byOfficer('present', '在场人员', { max: SHORT }),
      byOfficer('content', '现场情况', { max: TEXT }),
      fromCase('avEvidence', '音像记录', { optional: true, max: 2000 }),
    ],
  },
  interview_record: {
    title: '询问笔录',
    word: '询笔',
    party: true,
    officers: true,
    signatures: true,
    fields: [
      ...recordHeader('询问地点'),
      byOfficer('interviewee', '被询问人', { max: 500 }),
      fromCase('avEvidence', '音像记录', { optional: true, max: 2000 }),
    ],
    table: {
      columns: [
        { key: 'question', label: '问' },
        { key: 'answer', label: '答' },
      ],
    },
  },
  evidence_extraction: {
    title: '证据提取单',
    word: '证提',
    party: true,
    officers: true,
    signatures: true,
    onePage: true,
    fields: [
      byOfficer('evidence', '证据名称及内容', { max: 4000 }),
      byOfficer('source', '提取地点及方式', { max: 2000 }),
      fromCase('time', '提取时间', { max: SHORT }),
    ],
  },
  advance_preservation_notice: {
    title: '先行登记保存证据通知书',
    word: '登保',
    party: true,
    bases: true,
    fields: [
      byOfficer('reason', '先行登记保存的理由', { max: 2000 }),
      byOfficer('items', '保存物品', { max: 4000 }),
      byOfficer('place', '保存地点', { max: SHORT }),
      fromCase('period', '保存期限', { max: SHORT }),
    ],
  },
  coercive_measure_decision: {
    title: '实施行政强制措施决定书',
    word: '强制',
    party: true,
    bases: true,
    fields: [
      byOfficer('facts', '违法事实', { max: TEXT }),
      fromCase('measure', '强制措施', { max: SHORT }),
      byOfficer('items', '物品及场所', { max: 4000 }),
      fromCase('period', '期限', { max: SHORT }),
      fromCase('remedies', '救济途径', { max: 2000 }),
    ],
  },
  property_list: {
    title: '场所/设施/财物清单',
    word: '清单',
    party: true,
    signatures: true,
    fields: [byOfficer('note', '说明', { optional: true, max: 2000 })],
    table: {
      columns: [
        { key: 'name', label: '名称' },
        { key: 'spec', label: '规格' },
        { key: 'quantity', label: '数量' },
        { key: 'remark', label: '备注' },
      ],
    },
  },
  order_to_correct: {
    title: '责令改正通知书',
    word: '责改',
    party: true,
    bases: true,
    fields: [
      fromCase('facts', '违法行为', { max: TEXT }),
      byOfficer('order', '改正要求', { max: 2000 }),
      byOfficer('deadline', '改正期限', { max: SHORT }),
    ],
  },
  investigation_report: {
    title: '案件调查终结报告',
    word: '调终',
    party: true,
    officers: true,
    bases: true,
    amount: true,
    fields: [
      fromCase('source', '案件来源', { max: SHORT }),
      fromCase('process', '调查经过', { max: 4000 }),
      fromCase('facts', '违法事实', { max: TEXT }),
      fromCase('evidence', '相关证据', { max: TEXT }),
      fromCase('discretion', '裁量情节', { max: 4000 }),
      fromCase('proposal', '处理意见', { max: 2000 }),
    ],
  },
  legal_review_form: {
    title: '法制审核表',
    word: '法审',
    party: true,
    bases: true,
    amount: true,
    fields: [
      fromCase('summary', '案件情况', { max: TEXT }),
      fromCase('points', '审核要点', { max: TEXT }),
      fromCase('opinion', '审核意见', { max: 8000 }),
    ],
  },
  penalty_notice: {
    title: '行政处罚告知书',
    word: '罚告',
    party: true,
    fields: [
      fromCase('facts', '违法事实', { paragraph: true, max: TEXT }),
      fromCase('evidence', '证据', { paragraph: true, max: TEXT }),
      fromCase('basis', '违法依据及处罚依据', { paragraph: true, max: 4000 }),
      fromCase('proposed', '拟作出的行政处罚', { paragraph: true, max: 2000 }),
      fromCase('rights', '陈述、申辩和听证权利', { paragraph: true, max: 2000 }),
      fromCase('contact', '联系方式', { paragraph: true, max: 500 }),
    ],
  },
  statement_record: {
    title: '陈述申辩笔录',
    word: '陈笔',
    party: true,
    officers: true,
    signatures: true,
    fields: [...recordHeader('地点'), byOfficer('statement', '陈述申辩内容', { max: TEXT })],
  },
  hearing_notice: {
    title: '行政处罚听证通知书',
    word: '听通',
    party: true,
    onePage: true,
    fields: [
      byOfficer('time', '听证时间', { max: SHORT }),
      byOfficer('place', '听证地点', { max: SHORT }),
      fromCase('chair', '听证主持人', { max: SHORT }),
      fromCase('rights', '权利义务', { max: 4000 }),
    ],
  },
  hearing_record: {
    title: '听证笔录',
    word: '听笔',
    party: true,
    signatures: true,
    fields: [
      fromCase('time', '时间', { max: SHORT }),
      fromCase('place', '地点', { max: SHORT }),
      fromCase('chair', '主持人', { max: SHORT }),
      byOfficer('content', '听证情况', { max: TEXT }),
    ],
  },
  collective_deliberation: {
    title: '集体讨论记录',
    word: '集讨',
    party: true,
    fields: [
      fromCase('time', '时间', { max: SHORT }),
      fromCase('present', '参加人员', { max: 2000 }),
      fromCase('discussion', '讨论内容', { max: TEXT }),
      fromCase('conclusion', '讨论决定', { max: 4000 }),
    ],
  },
  summary_penalty_decision: {
    title: '当场行政处罚决定书',
    word: '当罚',
    party: true,
    bases: true,
    amount: true,
    officers: true,
    signatures: true,
    onePage: true,
    fields: [
      fromCase('time', '时间', { max: SHORT }),
      fromCase('place', '地点', { max: SHORT }),
      fromCase('facts', '违法事实', { max: 4000 }),
      fromCase('penalty', '处罚内容', { max: 2000 }),
      fromCase('payment', '履行方式和期限', { max: 2000 }),
      fromCase('remedies', '救济途径', { max: 2000 }),
    ],
  },
  penalty_decision: {
    title: '行政处罚决定书',
    word: '处罚',
    party: true,
    fields: [
      fromCase('source', '案件来源及调查经过', { paragraph: true, max: 4000 }),
      fromCase('facts', '违法事实', { paragraph: true, max: TEXT }),
      fromCase('evidence', '证据', { paragraph: true, max: TEXT }),
      fromCase('statement', '陈述申辩及采纳情况', { paragraph: true, max: TEXT }),
      fromCase('reasoning', '违法依据、处罚依据及裁量理由', { paragraph: true, max: 8000 }),
      fromCase('penalty', '处罚决定', { paragraph: true, max: 4000 }),
      fromCase('payment', '履行方式和期限', { paragraph: true, max: 2000 }),
      fromCase('remedies', '救济途径', { paragraph: true, max: 2000 }),
      fromCase('publicity', '公示告知', { paragraph: true, optional: true, max: 1000 }),
    ],
  },
  no_penalty_decision: {
    title: '不予行政处罚决定书',
    word: '不罚',
    party: true,
    fields: [
      fromCase('source', '案件来源及调查经过', { paragraph: true, max: 4000 }),
      fromCase('facts', '案件事实', { paragraph: true, max: TEXT }),
      fromCase('evidence', '证据', { paragraph: true, max: TEXT }),
      fromCase('reason', '不予行政处罚的理由和依据', { paragraph: true, max: 8000 }),
      fromCase('remedies', '救济途径', { paragraph: true, max: 2000 }),
    ],
  },
  penalty_info_summary: {
    title: '行政处罚信息摘要',
    word: '摘要',
    party: true,
    onePage: true,
    fields: [
      fromCase('decisionNumber', '行政处罚决定书文号', { max: SHORT }),
      fromCase('violation', '违法行为类型', { max: 500 }),
      fromCase('facts', '主要违法事实', { max: 4000 }),
      fromCase('basis', '处罚依据', { max: 2000 }),
      fromCase('content', '行政处罚的内容', { max: 2000 }),
      fromCase('agency', '作出行政处罚决定的机关', { max: SHORT }),
      fromCase('decidedOn', '作出行政处罚决定的日期', { max: SHORT }),
    ],
  },
  service_address: {
    title: '送达地址确认书',
    word: '送址',
    party: true,
    signatures: true,
    onePage: true,
    fields: [
      fromCase('address', '送达地址', { max: SHORT }),
      byOfficer('electronic', '电子送达方式', { optional: true, max: SHORT }),
      byOfficer('consent', '是否同意电子送达', { max: SHORT }),
    ],
  },
  proof_of_service: {
    title: '送达回证',
    word: '送回',
    party: true,
    onePage: true,
    fields: [
      fromCase('document', '送达文书名称及文号', { max: 1000 }),
      fromCase('recipient', '受送达人', { max: SHORT }),
      fromCase('place', '送达地点', { max: SHORT }),
      fromCase('method', '送达方式', { max: SHORT }),
      fromCase('time', '送达时间', { max: SHORT }),
      fromCase('servers', '送达人', { max: 500 }),
      fromCase('receipt', '受送达人签收', { max: 500 }),
      byOfficer('note', '备注', { optional: true, max: 1000 }),
    ],
  },
  closing_approval: {
    title: '结案审批表',
    word: '结',
    party: true,
    amount: true,
    onePage: true,
    fields: [
      fromCase('caseName', '案由', { max: SHORT }),
      fromCase('result', '处理结果', { max: 4000 }),
      fromCase('execution', '执行情况', { max: 4000 }),
      fromCase('opinion', '审批意见', { max: 2000 }),
    ],
  },
  case_file_cover: {
    title: '卷宗封面',
    word: '卷',
    onePage: true,
    fields: [
      fromCase('caseName', '案由', { max: SHORT }),
      fromCase('partyName', '当事人', { max: SHORT }),
      fromCase('caseNumber', '案件编号', { max: SHORT }),
      fromCase('period', '起止日期', { max: SHORT }),
      fromCase('pages', '页数', { max: SHORT }),
      fromCase('retention', '保管期限', { max: SHORT }),
    ],
  },
  case_file_index: {
    title: '卷内文件目录',
    word: '目录',
    fields: [fromCase('caseNumber', '案件编号', { max: SHORT })],
    table: {
      columns: [
        { key: 'seq', label: '序号' },
        { key: 'number', label: '文号' },
        { key: 'title', label: '题名' },
        { key: 'date', label: '日期' },
        { key: 'pages', label: '页号' },
      ],
    },
  },
  evidence_list: {
    title: '证据清单',
    word: '证单',
    fields: [fromCase('caseNumber', '案件编号', { max: SHORT })],
    table: {
      columns: [
        { key: 'seq', label: '序号' },
        { key: 'name', label: '证据' },
        { key: 'kind', label: '类别' },
        { key: 'date', label: '取得时间' },
        { key: 'sha256', label: 'SHA-256' },
      ],
    },
  },
  case_file_notes: {
    title: '卷内备考表',
    word: '备考',
    onePage: true,
    fields: [
      fromCase('caseNumber', '案件编号', { max: SHORT }),
      fromCase('notes', '本卷情况说明', { max: 4000 }),
      fromCase('compiledBy', '立卷人', { optional: true, max: SHORT }),
      fromCase('checkedBy', '检查人', { optional: true, max: SHORT }),
    ],
  },
} as const satisfies Record<string, DocumentTypeSpec>;

export type DocumentType = keyof typeof documentTypes;
export const documentTypeCodes = Object.keys(documentTypes) as [DocumentType, ...DocumentType[]];

export const isDocumentType = (value: string): value is DocumentType => value in documentTypes;

export const specOf = (type: DocumentType): DocumentTypeSpec => documentTypes[type];
