import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from './errors.ts';

describe('the error catalogue', () => {
  it('is documented row for row in docs/errors.md', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.+) \|$/gm)].map((m) => [
      m[1],
      Number(m[2]),
      m[3],
    ]);
    expect(rows).toEqual(Object.entries(errorCatalogue).map(([code, e]) => [code, e.status, e.title]));
  });

  it('gives every code a client-error or server-error status and a Chinese title', () => {
    for (const entry of Object.values(errorCatalogue)) {
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.title).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
