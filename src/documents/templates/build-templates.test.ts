import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentTypeCodes } from '../document-types.ts';
import { buildTemplate, templatePath } from './build-templates.ts';

describe('shipped templates', () => {
  it('are exactly what the builder makes (regenerate with node --import tsx src/documents/templates/build-templates.ts)', async () => {
    for (const type of documentTypeCodes) {
      const built = await buildTemplate(type);
      expect(built.equals(fs.readFileSync(templatePath(type))), type).toBe(true);
    }
  });
});
