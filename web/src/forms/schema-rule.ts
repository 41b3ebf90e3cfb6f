import type { FormRule } from 'antd';
import type { z } from 'zod';

/**
 * Client-side validation with the server's own zod schema, so a rule is never written twice. The whole
 * form is converted to the request body and parsed; a field shows the issues whose path is its own name
 * path. Refinements across fields (e.g. validTo ≥ validFrom) therefore show at the field they name.
 */
export type NamePath = readonly (string | number)[];

const samePath = (a: readonly PropertyKey[], b: NamePath): boolean =>
  a.length === b.length && a.every((part, i) => String(part) === String(b[i]));

export function schemaRules<Values>(
  schema: z.ZodType,
  toBody: (values: Values) => unknown,
): (...path: NamePath) => FormRule[] {
  return (...path) => [
    ({ getFieldsValue }) => ({
      validator: async () => {
        const values = getFieldsValue(true) as Values;
        const result = await schema.safeParseAsync(toBody(values));
        const issue = result.error?.issues.find((i) => samePath(i.path, path));
        if (issue) throw new Error(issue.message);
      },
    }),
  ];
}
