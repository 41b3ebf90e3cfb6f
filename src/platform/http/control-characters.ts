import type { FieldError } from '../errors.ts';

/**
 * C0 control characters (U+0000–U+001F) other than tab, line feed and carriage return.
 * No field of the platform holds them: PostgreSQL refuses NUL in text outright (`invalid byte sequence for
 * encoding "UTF8": 0x00`), and the others are invisible in the workbench, in Excel and in printed
 * documents, so a value carrying one is refused at the edge, with the field named.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export const CONTROL_CHARACTER_MESSAGE = '不能包含控制字符（如 NUL 空字符），请删除后重新提交';

/** Nesting beyond this is not walked (JSON bodies are parsed by V8 and can be deep; zod reports them). */
const MAX_DEPTH = 64;

/**
 * Every string (value or key) in the parts of a request that carry text, with a control character in
 * it: `[{ path: 'body.parties.0.name', message }]`. Buffers and streams (uploaded files) are not text
 * and are left alone.
 */
export function controlCharacterErrors(parts: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (errors.length >= 20 || depth > MAX_DEPTH) return;
    if (typeof value === 'string') {
      if (CONTROL.test(value)) errors.push({ path, message: CONTROL_CHARACTER_MESSAGE });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}.${i}`, depth + 1));
      return;
    }
    if (!isPlainObject(value)) return;
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL.test(key)) {
        errors.push({
          path: `${path}.${key.replace(new RegExp(CONTROL, 'g'), '?')}`,
          message: CONTROL_CHARACTER_MESSAGE,
        });
        continue;
      }
      walk(item, `${path}.${key}`, depth + 1);
    }
  };
  for (const [where, value] of Object.entries(parts)) walk(value, where, 0);
  return errors;
}

/** A parsed JSON, form or query object (the query parser's objects have a prototype without a prototype). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}
