import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPushSchema, pushSchemaPath, pushSchemasDir, pushSchemaFile } from './build-push-schemas.ts';
import { pushSchemas, type PushSchemaName } from './push.schema.ts';

const names = Object.keys(pushSchemas) as PushSchemaName[];

describe('the committed push schemas (schemas/push/v1)', () => {
  it('are exactly what the builder makes (regenerate with node --import tsx src/exchange/build-push-schemas.ts)', async () => {
    for (const name of names)
      expect(fs.readFileSync(pushSchemaPath(name), 'utf8'), name).toBe(await buildPushSchema(name));
  });

  it('are one file per record type and the batch, nothing else', () => {
    expect(fs.readdirSync(pushSchemasDir).sort()).toEqual(names.map(pushSchemaFile).sort());
  });
});
