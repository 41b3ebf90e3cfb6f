/**
 * Roles are granted per agency (issue 2). The label is what users see. Every role acts within its own
 * agency, except `instance_administrator`: it manages what all agencies of the instance share (the
 * working-day calendar, issue 10 item 4), and only an instance administrator grants or revokes it.
 */
export const roleLabels = {
  officer: '执法人员',
  reviewer: '法制审核人员',
  unit_head: '科室（所）负责人',
  agency_head: '机关负责人',
  publisher: '公示管理员',
  supervisor: '执法监督人员',
  administrator: '系统管理员',
  auditor: '审计员（只读）',
  instance_administrator: '平台管理员（全县共用数据）',
} as const;

export type Role = keyof typeof roleLabels;
export const roles = Object.keys(roleLabels) as Role[];

/** 等保 2.0 level 3 asks for two factors where a role can change what others rely on (GB/T 22239-2019). */
export const rolesRequiringTotp: ReadonlySet<Role> = new Set<Role>([
  'administrator',
  'instance_administrator',
  'reviewer',
]);

/** Roles that reach beyond the granting agency: only a holder grants or revokes them. */
export const instanceRoles: ReadonlySet<Role> = new Set<Role>(['instance_administrator']);

export const isRole = (value: string): value is Role => value in roleLabels;
