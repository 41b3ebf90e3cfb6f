/** Roles are granted per agency (issue 2). The label is what users see. */
export const roleLabels = {
  officer: '执法人员',
  reviewer: '法制审核人员',
  unit_head: '科室（所）负责人',
  agency_head: '机关负责人',
  publisher: '公示管理员',
  supervisor: '执法监督人员',
  administrator: '系统管理员',
  auditor: '审计员（只读）',
} as const;

export type Role = keyof typeof roleLabels;
export const roles = Object.keys(roleLabels) as Role[];

/** 等保 2.0 level 3 asks for two factors where a role can change what others rely on (GB/T 22239-2019). */
export const rolesRequiringTotp: ReadonlySet<Role> = new Set<Role>(['administrator', 'reviewer']);

export const isRole = (value: string): value is Role => value in roleLabels;
