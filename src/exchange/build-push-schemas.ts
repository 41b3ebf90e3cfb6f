import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { z } from 'zod';
import { pushSchemas, type PushSchemaName } from './push.schema.ts';

/**
 * Writes the push records of push.schema.ts as JSON Schema (draft 2020-12) to schemas/push/v1/, one file
 * per record type and batch.json for the envelope. Run: node --import tsx src/exchange/build-push-schemas.ts
 * (build-push-schemas.test.ts fails when the committed files differ from what this builds).
 */
export const PUSH_VERSION = 'v1';
export const pushSchemasDir = path.resolve(import.meta.dirname, '../../schemas/push', PUSH_VERSION);
export const pushSchemaFile = (name: PushSchemaName): string => `${name.replace(/_/g, '-')}.json`;
export const pushSchemaPath = (name: PushSchemaName): string =>
  path.join(pushSchemasDir, pushSchemaFile(name));
export const pushSchemaId = (name: PushSchemaName): string =>
  `urn:sanxiang:push:${PUSH_VERSION}:${pushSchemaFile(name)}`;

export function pushJsonSchema(name: PushSchemaName): Record<string, unknown> {
  const generated = z.toJSONSchema(pushSchemas[name], {
    target: 'draft-2020-12',
    io: 'output',
    // Additive fields are allowed within v1 (docs/exchange.md): a v1 schema must accept a record that a
    // newer v1 sender wrote with a field more, so no object closes its properties.
    override: (ctx) => {
      if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
    },
  });
  const { $schema, ...rest } = generated;
  return { $schema, $id: pushSchemaId(name), title: name, ...rest };
}

/** The file's text, formatted as the repository's prettier formats JSON (so `npm run check` agrees). */
export async function buildPushSchema(name: PushSchemaName): Promise<string> {
  const file = pushSchemaPath(name);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(JSON.stringify(pushJsonSchema(name)), { ...options, filepath: file });
}

async function main(): Promise<void> {
  fs.mkdirSync(pushSchemasDir, { recursive: true });
  for (const name of Object.keys(pushSchemas) as PushSchemaName[])
    fs.writeFileSync(pushSchemaPath(name), await buildPushSchema(name));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
