import path from 'node:path';
import type { DrawFile } from '../../src/inspections/draw.rules.ts';
import type { Harness } from '../harness.ts';

/** Where the demo's draw file is kept (made from a fresh demo; demo-inspections.test.ts keeps it equal). */
export const DEMO_DRAW_FIXTURE = path.resolve(import.meta.dirname, 'fixtures/demo-draw.json');

/** The demo's published draw file, as the portal serves it. */
export async function demoDrawFile(h: Harness): Promise<{ id: string; file: DrawFile }> {
  const list = await h.app.inject({ method: 'GET', url: '/inspections/draws' });
  const id = /\/inspections\/draws\/([0-9a-f-]{36})\.json/.exec(list.body)?.[1];
  if (!id) throw new Error('the demo has no published draw');
  const res = await h.app.inject({ method: 'GET', url: `/inspections/draws/${id}.json` });
  return { id, file: res.json<DrawFile>() };
}
