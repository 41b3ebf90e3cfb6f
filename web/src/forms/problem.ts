import type { FormInstance } from 'antd';
import type { ApiError, FieldError } from '../api/client.ts';
import type { NamePath } from './schema-rule.ts';

/**
 * Puts a problem's field errors on the form fields they name. The server's paths start with where the
 * value was (`body.certificates.0.number`); the rest is the form's name path. Errors naming no field of
 * the form are returned, for the form to show above its buttons.
 */
export function namePathOf(path: string): NamePath {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const key = (path: NamePath): string => path.map(String).join('.');

export function applyProblem(form: FormInstance, error: ApiError): FieldError[] {
  const registered = new Set(form.getFieldsError().map((f) => key(f.name)));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: FieldError[] = [];
  for (const fieldError of error.errors) {
    const name = namePathOf(fieldError.path);
    const k = key(name);
    if (!registered.has(k)) {
      unplaced.push(fieldError);
      continue;
    }
    const entry = byField.get(k) ?? { name, errors: [] };
    entry.errors.push(fieldError.message);
    byField.set(k, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name: [...name], errors })));
  return unplaced;
}
