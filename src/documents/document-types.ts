/**
 * The document set a first case file needs (docs/rules.md "Document set": the 2021 market-regulation penalty
 * document templates, 国市监法发〔2021〕42号), plus the evidence list of the electronic case file. Each type
 * says what its template shows: the labelled text fields it fills, whether it carries a party, legal
 * bases, an amount, a table, and signatures (written records, 笔录). Pure data, browser-safe.
 */
export interface FieldSpec {
  readonly key: string;
  readonly label: string;
}

export interface TableSpec {
  readonly columns: readonly FieldSpec[];
}

export interface DocumentTypeSpec {
  readonly title: string;
  /** The word in the document number: 衡县市监{word}〔2026〕12号. */
  readonly word: string;
  readonly fields: readonly FieldSpec[];
  readonly party?: boolean;
  readonly bases?: boolean;
  readonly amount?: boolean;
  readonly table?: TableSpec;
  /** Written records (笔录) and forms the party signs: party and two officers sign, or the party refuses. */
  readonly signatures?: boolean;
  /** Officers named on the document (≥ 2 certified officers, 行政处罚法 §42). */
  readonly officers?: boolean;
}

const f = (key: string, label: string): FieldSpec => ({ key, label });

export const documentTypes = {
  case_source: {
    title: '案件来源登记表',
    word: '案源',
    party: true,
    fields: [
      f('source', '案件来源'),
      f('receivedOn', '登记时间'),
      f('summary', '基本情况'),
      f('opinion', '处理意见'),
    ],
  },
  filing_approval: {
    title: '立案审批表',
    word: '立',
    party: true,
    officers: true,
    fields: [f('caseName', '案由'), f('summary', '简要案情及立案理由'), f('opinion', '审批意见')],
    bases: true,
  },
  non_filing_approval: {
    title: '不予立案审批表',
    word: '不立',
    party: true,
    fields: [
      f('caseName', '案由'),
      f('summary', '简要情况'),
      f('reason', '不予立案理由'),
      f('opinion', '审批意见'),
    ],
  },
  on_site_record: {
    title: '现场笔录',
    word: '现笔',
    party: true,
    officers: true,
    signatures: true,
    fields: [
      f('time', '检查时间'),
      f('place', '检查地点'),
      f('present', '在场人员'),
      f('notice', '告知事项'),
      f('content', '现场情况'),
      f('avEvidence', '音像记录'),
    ],
  },
  interview_record: {
    title: '询问笔录',
    word: '询笔',
    party: true,
    officers: true,
    signatures: true,
    fields: [
      f('time', '询问时间'),
      f('place', '询问地点'),
      f('interviewee', '被询问人'),
      f('notice', '告知事项'),
      f('avEvidence', '音像记录'),
    ],
    table: { columns: [f('question', '问'), f('answer', '答')] },
  },
  evidence_extraction: {
    title: '证据提取单',
    word: '证提',
    party: true,
    signatures: true,
    fields: [f('evidence', '证据名称及内容'), f('source', '提取地点及方式')],
  },
  advance_preservation_notice: {
    title: '先行登记保存证据通知书',
    word: '登保',
    party: true,
    bases: true,
    fields: [
      f('reason', '先行登记保存的理由'),
      f('items', '保存物品'),
      f('place', '保存地点'),
      f('period', '保存期限'),
    ],
  },
  coercive_measure_decision: {
    title: '实施行政强制措施决定书',
    word: '强制',
    party: true,
    bases: true,
    fields: [
      f('facts', '违法事实'),
      f('measure', '强制措施'),
      f('items', '物品及场所'),
      f('period', '期限'),
      f('remedies', '救济途径'),
    ],
  },
  property_list: {
    title: '场所/设施/财物清单',
    word: '清单',
    party: true,
    signatures: true,
    fields: [f('note', '说明')],
    table: { columns: [f('name', '名称'), f('spec', '规格'), f('quantity', '数量'), f('remark', '备注')] },
  },
  order_to_correct: {
    title: '责令改正通知书',
    word: '责改',
    party: true,
    bases: true,
    fields: [f('facts', '违法行为'), f('order', '改正要求'), f('deadline', '改正期限')],
  },
  investigation_report: {
    title: '案件调查终结报告',
    word: '调终',
    party: true,
    officers: true,
    bases: true,
    amount: true,
    fields: [
      f('facts', '违法事实'),
      f('evidence', '相关证据'),
      f('discretion', '裁量情节'),
      f('proposal', '处理意见'),
    ],
  },
  legal_review_form: {
    title: '法制审核表',
    word: '法审',
    party: true,
    bases: true,
    amount: true,
    fields: [f('summary', '案件情况'), f('points', '审核要点'), f('opinion', '审核意见')],
  },
  penalty_notice: {
    title: '行政处罚告知书',
    word: '罚告',
    party: true,
    bases: true,
    amount: true,
    fields: [f('facts', '违法事实'), f('proposed', '拟作出的行政处罚'), f('rights', '陈述、申辩和听证权利')],
  },
  statement_record: {
    title: '陈述申辩笔录',
    word: '陈笔',
    party: true,
    officers: true,
    signatures: true,
    fields: [f('time', '时间'), f('place', '地点'), f('statement', '陈述申辩内容')],
  },
  hearing_notice: {
    title: '行政处罚听证通知书',
    word: '听通',
    party: true,
    fields: [
      f('time', '听证时间'),
      f('place', '听证地点'),
      f('chair', '听证主持人'),
      f('rights', '权利义务'),
    ],
  },
  hearing_record: {
    title: '听证笔录',
    word: '听笔',
    party: true,
    signatures: true,
    fields: [f('time', '时间'), f('place', '地点'), f('chair', '主持人'), f('content', '听证情况')],
  },
  collective_deliberation: {
    title: '集体讨论记录',
    word: '集讨',
    party: true,
    fields: [
      f('time', '时间'),
      f('present', '参加人员'),
      f('discussion', '讨论内容'),
      f('conclusion', '讨论决定'),
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
    fields: [
      f('facts', '违法事实'),
      f('penalty', '处罚内容'),
      f('payment', '履行方式和期限'),
      f('remedies', '救济途径'),
    ],
  },
  penalty_decision: {
    title: '行政处罚决定书',
    word: '处罚',
    party: true,
    bases: true,
    amount: true,
    fields: [
      f('facts', '违法事实'),
      f('evidence', '证据'),
      f('statement', '陈述申辩及采纳情况'),
      f('penalty', '处罚决定'),
      f('payment', '履行方式和期限'),
      f('remedies', '救济途径'),
    ],
  },
  no_penalty_decision: {
    title: '不予行政处罚决定书',
    word: '不罚',
    party: true,
    bases: true,
    fields: [f('facts', '案件事实'), f('reason', '不予行政处罚的理由'), f('remedies', '救济途径')],
  },
  service_address: {
    title: '送达地址确认书',
    word: '送址',
    party: true,
    signatures: true,
    fields: [f('address', '送达地址'), f('electronic', '电子送达方式'), f('consent', '是否同意电子送达')],
  },
  proof_of_service: {
    title: '送达回证',
    word: '送回',
    party: true,
    signatures: true,
    fields: [
      f('document', '送达文书'),
      f('place', '送达地点'),
      f('method', '送达方式'),
      f('time', '送达时间'),
    ],
  },
  closing_approval: {
    title: '结案审批表',
    word: '结',
    party: true,
    amount: true,
    fields: [f('result', '处理结果'), f('execution', '执行情况'), f('opinion', '审批意见')],
  },
  case_file_cover: {
    title: '卷宗封面',
    word: '卷',
    fields: [
      f('caseName', '案由'),
      f('partyName', '当事人'),
      f('caseNumber', '案件编号'),
      f('period', '起止日期'),
      f('pages', '页数'),
      f('retention', '保管期限'),
    ],
  },
  case_file_index: {
    title: '卷内文件目录',
    word: '目录',
    fields: [f('caseNumber', '案件编号')],
    table: {
      columns: [
        f('seq', '序号'),
        f('number', '文号'),
        f('title', '题名'),
        f('date', '日期'),
        f('pages', '页号'),
      ],
    },
  },
  evidence_list: {
    title: '证据清单',
    word: '证单',
    fields: [f('caseNumber', '案件编号')],
    table: {
      columns: [
        f('seq', '序号'),
        f('name', '证据'),
        f('kind', '类别'),
        f('date', '取得时间'),
        f('sha256', 'SHA-256'),
      ],
    },
  },
  case_file_notes: {
    title: '卷内备考表',
    word: '备考',
    fields: [
      f('caseNumber', '案件编号'),
      f('notes', '本卷情况说明'),
      f('compiledBy', '立卷人'),
      f('checkedBy', '检查人'),
    ],
  },
} as const satisfies Record<string, DocumentTypeSpec>;

export type DocumentType = keyof typeof documentTypes;
export const documentTypeCodes = Object.keys(documentTypes) as [DocumentType, ...DocumentType[]];

export const isDocumentType = (value: string): value is DocumentType => value in documentTypes;

export const specOf = (type: DocumentType): DocumentTypeSpec => documentTypes[type];
