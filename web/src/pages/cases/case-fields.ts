import { enforcementFields } from '../../../../src/org/certificate.rules.ts';
import { optionsOf } from '../../ui/labels.tsx';

/** The enforcement fields (执法领域) a case belongs to; officers need a certificate valid for it. */
export const fieldOptions = optionsOf(enforcementFields);

export const enforcementFieldLabel = (code: string): string =>
  (enforcementFields as Readonly<Record<string, string>>)[code] ?? code;
