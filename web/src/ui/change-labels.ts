import { roleLabels } from '../../../src/platform/auth/roles.ts';

/**
 * The server names changed fields by their column (`valid_to`, `short_name`), role changes as `+officer`
 * / `-officer`, and a failed sign-in by its reason. This turns them into words a clerk reads.
 * TODO(lead): these names belong next to the schema on the server side; move them there when it has them.
 */
const fieldLabels: Readonly<Record<string, string>> = {
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
  issuer: '发证机关',
  valid_from: '有效期起',
  valid_to: '有效期止',
  exam_date: '考试日期',
  status: '状态',
  unknown_user: '用户不存在',
  wrong_password: '密码错误',
  wrong_totp: '动态验证码错误',
  locked: '账号已锁定',
};

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function changeLabel(change: string): string {
  const sign = change.startsWith('+') ? '增加' : change.startsWith('-') ? '取消' : '';
  if (sign) {
    const role = change.slice(1);
    return `${sign}角色：${(roleLabels as Record<string, string>)[role] ?? role}`;
  }
  return fieldLabels[snake(change)] ?? change;
}
