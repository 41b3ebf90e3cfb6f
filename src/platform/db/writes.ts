import { AppError } from '../errors.ts';

/** Helpers shared by every service's writes. */

const UNIQUE_VIOLATION = '23505';

const fieldLabels: Record<string, string> = {
  'body.creditCode': '统一社会信用代码',
  'body.number': '执法证号',
  'body.name': '名称',
  'body.code': '编码',
  'body.account.username': '用户名',
};

/**
 * Runs a write and turns a unique-constraint violation into 409 DUPLICATE naming the field. A check
 * before the insert would race with a concurrent writer; the constraint cannot.
 */
export async function duplicateField<T>(
  constraints: Record<string, string>,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: unknown; constraint?: unknown };
    if (e.code === UNIQUE_VIOLATION && typeof e.constraint === 'string') {
      const path = constraints[e.constraint];
      if (path) {
        const label = fieldLabels[path.replace(/\.\d+\./, '.')] ?? '该值';
        const message = `${label}已被使用`;
        throw new AppError('DUPLICATE', { detail: message, errors: [{ path, message }] });
      }
    }
    throw err;
  }
}

/** The names of the columns whose values differ, for the audit trail (values themselves are not kept). */
export function changedFields<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T & string)[]).filter(
    (key) => key !== 'updated_at' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}
