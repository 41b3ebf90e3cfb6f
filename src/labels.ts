import { roleLabels } from './platform/auth/roles.ts';
import { defaultChecklist, otherSteps, type ChecklistItem } from './records/av-checklist.rules.ts';

/**
 * The Chinese names of the codes the server writes where people read them: record-log (audit) event
 * kinds, the subjects they are about, the channel an actor came by, the fields a change names, and the
 * enforcement steps of the AV checklist. One module for the server (Excel exports, the portal's verify
 * page) and the workbench, so the same code never reads two ways. Pure data, browser-safe.
 * test/labels.test.ts checks that every kind and step the server defines has a label here.
 */

/** Every kind of event a command records (`ctx.record({ kind })`, src/platform/audit/command.ts). */
export const eventKindLabels: Readonly<Record<string, string>> = {
  'auth.signed_in': '登录',
  'auth.signed_out': '退出登录',
  'auth.sign_in_failed': '登录失败',
  'auth.totp_enrolment_started': '开始绑定动态验证码',
  'auth.totp_enrolled': '绑定动态验证码',
  'auth.token_created': '创建访问令牌',
  'auth.token_revoked': '撤销访问令牌',
  'calendar.notice_loaded': '载入节假日安排',
  'cases.case_created': '登记案件',
  'cases.case_changed': '修改案件',
  'cases.party_added': '登记当事人',
  'cases.officer_assigned': '指派办案人员',
  'cases.recusal_declared': '回避声明',
  'cases.officer_recused': '办案人员回避',
  'cases.recusal_applied': '当事人申请回避',
  'cases.recusal_application_decided': '对回避申请作出决定',
  'cases.recusal_refused': '决定不予回避',
  'cases.created': '案件登记',
  'cases.step': '办理案件环节',
  'cases.decision': '作出决定',
  'cases.suspended': '案件中止',
  'cases.resumed': '案件恢复',
  'cases.extended': '延长期限',
  'cases.deadline_opened': '期限起算',
  'cases.deadline_met': '期限内办结',
  'cases.deadline_moved': '期限变更',
  'cases.deadline_ended': '期限终结（案件移送或终止调查）',
  'cases.payment_recorded': '登记缴纳罚款',
  'cases.payment_plan_applied': '暂缓或分期缴纳罚款申请',
  'cases.payment_plan_decided': '审批暂缓或分期缴纳罚款',
  'cases.cash_handed_over': '当场收缴罚款交款',
  'documents.issued': '制作文书',
  'documents.sealed': '文书写入记录日志',
  'documents.seal_skipped': '文书已由其他进程写入',
  'documents.rendered': '生成文书 PDF 版本',
  'documents.template_uploaded': '上传文书模板',
  'documents.number_pattern_set': '设置文号规则',
  'org.agency_created': '新增机关',
  'org.agency_updated': '修改机关',
  'org.unit_created': '新增内设机构',
  'org.unit_updated': '修改内设机构',
  'org.person_created': '新增人员',
  'org.person_updated': '修改人员',
  'org.roles_changed': '变更角色',
  'org.roles_confirmed': '确认角色',
  'org.account_created': '开通账号',
  'org.people_imported': '导入人员',
  'org.certificate_issued': '登记执法证',
  'org.certificate_edited': '修改执法证',
  'org.certificate_suspended': '暂扣执法证',
  'org.certificate_reinstated': '恢复执法证',
  'org.certificate_revoked': '注销执法证',
  'powers.item_created': '新增权责事项',
  'powers.version_drafted': '起草权责事项新版本',
  'powers.withdrawal_drafted': '起草权责事项取消',
  'powers.version_submitted': '权责事项提交审核',
  'powers.version_published': '权责事项审核发布',
  'powers.version_rejected': '权责事项退回修改',
  'powers.service_guide_saved': '保存服务指南',
  'publicity.publication_drafted': '起草公示',
  'publicity.publication_edited': '修改公示',
  'publicity.publication_submitted': '公示提交审核',
  'publicity.publication_returned': '公示退回修改',
  'publicity.publication_published': '发布公示',
  'publicity.publication_withdrawn': '撤回公示',
  'publicity.publication_ended': '公示期满',
  'publicity.publication_corrected': '更正公示',
  'publicity.correction_requested': '提交更正申请',
  'publicity.correction_answered': '答复更正申请',
  'publicity.settings_changed': '修改公示设置',
  'documents.settings_changed': '修改文书设置',
  'upstream.paired': '与县级监督平台配对',
  'witness.log_registered': '登记被见证的记录日志',
  'witness.checkpoint_cosigned': '见证并联署检查点',
  'witness.fork_alerted': '记录日志分叉告警',
  'county.agency_registered': '备案被监督机关',
  'county.agency_suspended': '暂停机关推送',
  'county.agency_reinstated': '恢复机关推送',
  'county.push_keys_replaced': '更换机关推送密钥',
  'county.batch_received': '接收推送批次',
  'county.push_rejected': '拒收推送批次',
  'exchange.push_rejected': '县级平台拒收推送记录',
  'records.evidence_uploaded': '上传证据文件',
  'records.evidence_marked': '标记永久保存',
  'records.evidence_disposed': '处置证据文件',
  'records.step_recorded': '登记执法环节',
  'records.recorder_registered': '登记设备',
  'records.recorder_updated': '修改设备',
  'records.recorder_checked_out': '领用设备',
  'records.recorder_checked_in': '归还设备',
  'records.retention_policy_set': '设置证据保存期限',
  'records.av_checklist_set': '设置音像记录事项清单',
  'review.catalogue_drafted': '起草法制审核目录',
  'review.catalogue_approved': '批准法制审核目录',
  'review.submitted': '提交法制审核',
  'review.assigned': '分配审核人员',
  'review.participant_invited': '邀请法律顾问参与审核',
  'review.extended': '延长审核期限',
  'review.finding_recorded': '记录审核意见',
  'review.concluded': '作出审核结论',
  'review.disputed': '对审核意见有异议',
  'review.deliberation_recorded': '记录集体讨论',
  'review.deliberated': '集体讨论决定',
  'review.voided': '审核作废',
  'review.decision_refused': '未经法制审核的决定被拒绝',
  'review.decision_refused_no_case': '决定文书或公示未指向本机关的案件，已拒绝',
  'record_log.entry_refused': '拒绝并入记录日志（暂存校验码无效）',
  'review.qualification_recorded': '登记法律职业资格',
  'review.training_recorded': '登记审核人员培训',
  'log.verify_run': '核验记录日志',
};

/** The records an agency pushes to the county platform (src/exchange/push.schema.ts `pushRecords`). */
export const pushRecordTypeLabels: Readonly<Record<string, string>> = {
  agency: '执法主体',
  unit: '内设机构',
  officer: '执法人员',
  power_list_version: '权责清单事项',
  publication: '公示信息',
  publication_withdrawal: '公示撤回',
  case_summary: '案件概要',
  inspection_result: '行政检查结果',
  checkpoint: '记录日志检查点',
};

/** The subjects events are about (`subjectType`; see record-log/subject-tables.ts). */
export const subjectTypeLabels: Readonly<Record<string, string>> = {
  agency: '机关',
  unit: '内设机构',
  person: '人员',
  account: '账号',
  session: '会话',
  api_token: '访问令牌',
  token: '访问令牌',
  certificate: '执法证',
  evidence_file: '证据文件',
  enforcement_step: '执法环节',
  recorder: '执法记录仪',
  recorder_loan: '设备领用',
  av_checklist: '音像记录事项清单',
  retention_policy: '证据保存期限',
  power_item: '权责事项',
  service_guide: '服务指南',
  log_entry_refusal: '记录日志拒收',
  decision_reference: '决定所指案件',
  case: '案件',
  case_party: '当事人',
  case_officer: '办案人员',
  case_event: '案件环节',
  case_deadline: '办案期限',
  recusal_application: '回避申请',
  case_payment: '罚款缴纳记录',
  case_payment_plan: '暂缓或分期缴纳申请',
  case_cash_handover: '当场收缴罚款交款',
  publication: '公示',
  correction_request: '更正申请',
  publicity_settings: '公示设置',
  document_settings: '文书设置',
  upstream: '县级监督平台配对',
  witness_log: '被见证的记录日志',
  witness_checkpoint: '见证的检查点',
  witness_alert: '记录日志分叉告警',
  county_agency: '备案机关',
  county_agency_event: '备案机关变更',
  county_batch: '推送批次',
  county_push_rejection: '拒收的推送批次',
  push_rejection: '被县级平台拒收的推送记录',
  calendar_notice: '节假日安排',
  issued_document: '执法文书',
  document_rendering: '文书 PDF 版本',
  document_template: '文书模板',
  document_number_pattern: '文号规则',
  review_catalogue: '法制审核目录',
  review: '法制审核',
  review_finding: '审核意见',
  review_participant: '审核参与人',
  review_deliberation: '集体讨论',
  reviewer_qualification: '法律职业资格',
  reviewer_training: '审核人员培训',
  review_refusal: '未经审核的决定',
  record_log: '记录日志',
};

/** How the actor came (Actor['via']). */
/** The kinds of party (行政处罚法 §51: 公民 / 法人或者其他组织; a 个体工商户 counts as 公民). */
export { partyTypeLabels } from './cases/party.rules.ts';
/** The kinds of suspended time, each excluded only from the periods the law names (excluded-time.rules.ts). */
export { suspensionKindLabels } from './cases/excluded-time.rules.ts';
/** The grounds of ending an investigation (程序规定 §48). */
export { terminationGroundLabels } from './cases/exit.rules.ts';

export const viaLabels: Readonly<Record<string, string>> = {
  session: '网页',
  token: '接口令牌',
  cli: '命令行',
  system: '系统',
  anonymous: '未登录',
};

/**
 * The fields a change names (columns, in snake case), and a failed sign-in's reason. Only names are kept
 * in the trail, never values.
 */
export const fieldLabels: Readonly<Record<string, string>> = {
  name: '名称',
  short_name: '简称',
  credit_code: '统一社会信用代码',
  region_code: '行政区划代码',
  level: '层级',
  kind: '类别',
  parent_id: '上级机关',
  active: '启用状态',
  unit_id: '内设机构',
  post: '职务',
  phone: '联系电话',
  username: '用户名',
  password_hash: '密码',
  disabled: '账号停用',
  totp_enabled: '动态验证码',
  number: '执法证号',
  fields: '执法领域',
  field: '执法领域',
  issuer: '发证机关',
  valid_from: '有效期起',
  valid_to: '有效期止',
  exam_date: '考试日期',
  status: '状态',
  unknown_user: '用户不存在',
  wrong_password: '密码错误',
  wrong_totp: '动态验证码错误',
  locked: '账号已锁定',
  sha256: '文件摘要',
  size: '文件大小',
  verification_code: '核验码',
  sealed_at: '写入记录日志时间',
  serial: '设备编号',
  model: '型号',
  checked_in_at: '归还时间',
  checked_in_by: '归还经办人',
  in_note: '归还说明',
  disposed_at: '处置时间',
  disposed_by: '处置人',
  disposal_reason: '处置原因',
  disposal_approval: '处置审批',
  used_as_evidence: '作为定案证据',
  shows_obstruction: '记录妨碍执法',
  major_incident: '重大事件',
  permanent: '永久保存',
  items: '事项',
  periods: '保存期限',
  title: '案由',
  state: '办理状态',
  item_id: '权责事项',
  item_code: '事项编码',
  source: '案件来源',
  filed_on: '立案日期',
  decided_on: '决定日期',
  approved: '是否批准',
  decision_reason: '审批意见',
  decided_by: '审批人',
  decided_event_id: '审批记录',
  last_day: '最后一日',
  closed_on: '结案日期',
  proposed_amount_fen: '拟处罚金额',
  amount_fen: '金额',
  paid_fen: '已缴金额',
  surcharge_fen: '加处罚款',
  decision_outcome: '决定结果',
  circumstance: '违法情节',
  benchmark_outcome: '裁量基准结果',
  discretion_reason: '裁量理由',
  major: '重大执法决定',
  major_reasons: '重大执法决定情形',
  rights_waived: '放弃陈述申辩',
  suspended_since: '中止日期',
  suspensions: '中止记录',
  suspension_kind: '中止事由类型',
  ended_reason: '期限终结原因',
  decided_at: '决定时间',
  granted: '是否准予',
  extensions: '延期记录',
  deliberated_days: '集体讨论天数',
  due_on: '期限',
  extended: '延期',
  met_on: '办结日期',
  met_by: '办结环节',
  late: '逾期',
  conflict: '回避情形',
  declaration: '回避声明',
  declared_at: '声明时间',
  recusal_reason: '回避理由',
  recused_at: '回避时间',
  recused_by: '回避决定人',
  answer: '答复',
  corrected: '是否更正',
  result: '审核结论',
  opinion: '审核意见',
  opinion_document_id: '法制审核意见书',
  reviewer_id: '审核人员',
  disagreement: '异议',
  approval_reference: '批准文号',
  approved_by_body: '批准机关',
  approved_on: '批准日期',
  warnings: '提示',
  reason: '理由',
  summary: '摘要',
  document_text: '决定书正文',
  withdrawal_reason: '撤回理由',
  url: '网址',
  witness_key: '见证公钥',
  receipt_key: '回执公钥',
};

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A change as a clerk reads it: `+officer` / `-officer` are role changes, `item:…`, `version:3` and
 * `revision:2` name what part changed, anything else is a field (camel or snake case).
 */
export function changeLabel(change: string): string {
  const sign = change.startsWith('+') ? '增加' : change.startsWith('-') ? '取消' : '';
  if (sign) {
    const role = change.slice(1);
    return `${sign}角色：${(roleLabels as Record<string, string>)[role] ?? role}`;
  }
  const [part, value] = change.split(':');
  if (value !== undefined) {
    if (part === 'version') return `第 ${value} 版`;
    if (part === 'revision') return `第 ${value} 次修订`;
    if (part === 'item') return '事项';
  }
  return fieldLabels[snake(change)] ?? change;
}

/** The enforcement steps of the AV checklist and of the procedure (records/av-checklist.rules.ts). */
export const stepLabels: Readonly<Record<string, string>> = {
  ...Object.fromEntries(defaultChecklist.map((i) => [i.step, i.label])),
  ...otherSteps,
};

/** A step's name: the agency's own checklist first (it may add steps), then the defaults. */
export const stepLabelOf = (step: string, checklist: readonly Pick<ChecklistItem, 'step' | 'label'>[] = []) =>
  checklist.find((i) => i.step === step)?.label ?? stepLabels[step] ?? step;

/** A code's label, or the code itself when it has none (a newer server than this bundle). */
export const labelOf = (labels: Readonly<Record<string, string>>, code: string): string =>
  labels[code] ?? code;

export const eventKindLabel = (kind: string): string => labelOf(eventKindLabels, kind);
