import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifecycles } from './cases/lifecycles/index.ts';
import {
  changeLabel,
  eventKindLabel,
  eventKindLabels,
  fieldLabels,
  stepLabelOf,
  stepLabels,
  subjectTypeLabels,
} from './labels.ts';
import { subjectTables } from './platform/record-log/subject-tables.ts';
import { defaultChecklist, otherSteps } from './records/av-checklist.rules.ts';

/** The server's own source, without tests: what it records is written there as literals. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}
const code = sources(new URL('.', import.meta.url).pathname).join('\n');

const literalsAfter = (key: string): string[] => {
  const found = new Set<string>();
  for (const line of code.split('\n')) {
    if (!line.includes(`${key}:`)) continue;
    for (const m of line.slice(line.indexOf(`${key}:`)).matchAll(/'([a-z]+\.[a-z_]+)'/g)) found.add(m[1]!);
  }
  return [...found];
};

/**
 * Kinds built from a value (`publicity.publication_${action}`): each prefix with every value it takes,
 * from the column's or the function's type (src/platform/db/schema.ts, the services).
 */
const templated: Record<string, readonly string[]> = {
  'cases.': ['created', 'step', 'decision', 'officer_assigned', 'recusal_declared', 'officer_recused'].concat(
    ['suspended', 'resumed', 'extended'],
  ),
  'org.certificate_': ['suspended', 'reinstated', 'revoked'],
  'inspection.target_': ['added', 'edited', 'deactivated', 'reactivated'],
  'review.': ['voided', 'submitted', 'assigned', 'extended', 'concluded', 'disputed', 'deliberated'],
  'powers.version_': ['submitted', 'published', 'rejected'],
  'publicity.publication_': [
    'drafted',
    'edited',
    'submitted',
    'returned',
    'published',
    'withdrawn',
    'ended',
    'corrected',
  ],
};

describe('Chinese labels of what the server writes', () => {
  it('name every event kind a command records, literal or built from a value', () => {
    const literal = literalsAfter('kind');
    expect(literal.length).toBeGreaterThan(50);
    const prefixes = [...code.matchAll(/kind: `([a-z]+\.[a-z_]*)\$\{/g)].map((m) => m[1]!);
    expect(prefixes.filter((p) => !(p in templated))).toEqual([]);
    const built = Object.entries(templated).flatMap(([prefix, values]) => values.map((v) => prefix + v));
    const kinds = [...literal, ...built, 'log.verify_run'];
    expect(kinds.filter((k) => !(k in eventKindLabels))).toEqual([]);
    expect(eventKindLabel('publicity.publication_published')).toBe('发布公示');
  });

  it('name every subject type events are about', () => {
    const types = [...literalsAfter('subjectType'), ...Object.keys(subjectTables)];
    const recorded = [...code.matchAll(/subjectType: '([a-z_]+)'/g)].map((m) => m[1]!);
    expect(recorded.length).toBeGreaterThan(30);
    expect([...types, ...recorded].filter((t) => !(t in subjectTypeLabels))).toEqual([]);
  });

  it('name every field a change lists by name', () => {
    const listed = [...code.matchAll(/changes: \[([^\]]*)\]/g)].flatMap((m) =>
      [...m[1]!.matchAll(/'([a-z_]+)'/g)].map((f) => f[1]!),
    );
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.filter((f) => !(f in fieldLabels))).toEqual([]);
    expect(changeLabel('validTo')).toBe('有效期止');
    expect(changeLabel('+reviewer')).toBe('增加角色：法制审核人员');
    expect(changeLabel('version:3')).toBe('第 3 版');
  });

  it('name every step of the AV checklist and of the procedure, and every lifecycle step', () => {
    for (const item of defaultChecklist) expect(stepLabels[item.step]).toBe(item.label);
    for (const [step, label] of Object.entries(otherSteps)) expect(stepLabels[step]).toBe(label);
    expect(stepLabelOf('evidence_collection')).toBe('调查取证');
    // An agency's own step takes its own checklist's name.
    expect(stepLabelOf('night_patrol', [{ step: 'night_patrol', label: '夜间巡查' }])).toBe('夜间巡查');
    for (const lc of Object.values(lifecycles)) {
      for (const t of lc.transitions) expect(t.label).toMatch(/\p{Script=Han}/u);
      for (const s of lc.states) expect(s.label).toMatch(/\p{Script=Han}/u);
    }
  });

  it('every label is Chinese', () => {
    for (const labels of [eventKindLabels, subjectTypeLabels, fieldLabels, stepLabels]) {
      for (const label of Object.values(labels)) expect(label).toMatch(/\p{Script=Han}/u);
    }
  });
});
