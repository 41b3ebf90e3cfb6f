import { recordsEventLabels } from '../records/records.labels.ts';

/**
 * Chinese names for audit event kinds, actor channels and subject types. The server defines the codes
 * (src/platform/audit/command.ts and the services); an unknown code shows as it is.
 * TODO(lead): move to a shared module next to the audit schema so the server owns the labels too.
 */
export const auditKindLabels: Readonly<Record<string, string>> = {
  'auth.signed_in': '登录',
  'auth.signed_out': '退出登录',
  'auth.sign_in_failed': '登录失败',
  'auth.totp_enrolment_started': '开始绑定动态验证码',
  'auth.totp_enrolled': '绑定动态验证码',
  'auth.token_created': '创建访问令牌',
  'auth.token_revoked': '撤销访问令牌',
  'record_log.entry_refused': '拒绝并入记录日志（暂存校验码无效）',
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
  'powers.service_guide_saved': '保存服务指南',
  ...recordsEventLabels,
};

export const viaLabels: Readonly<Record<string, string>> = {
  session: '网页',
  token: '接口令牌',
  cli: '命令行',
  system: '系统',
  anonymous: '未登录',
};

export const subjectTypeLabels: Readonly<Record<string, string>> = {
  agency: '机关',
  unit: '内设机构',
  person: '人员',
  account: '账号',
  session: '会话',
  certificate: '执法证',
  token: '访问令牌',
  evidence_file: '证据文件',
  enforcement_step: '执法环节',
  recorder: '执法记录仪',
  recorder_loan: '设备领用',
  av_checklist: '音像记录事项清单',
  retention_policy: '证据保存期限',
  service_guide: '服务指南',
  log_entry_refusal: '记录日志拒收',
};
