import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rerunDraw } from '../../src/inspections/draw.rules.ts';
import { signIn, startHarness, type Harness } from '../harness.ts';
import { DEMO_DRAW_FIXTURE, demoDrawFile } from './demo-draw.ts';

/**
 * The demo's random inspection (issue 15 item 7): the published plan, the draw published as a file anyone
 * can re-run — the same file as test/inspections/fixtures/demo-draw.json, which the re-implementation
 * from the docs reproduces (draw-reimplementation.test.ts) — and its inspections partly done.
 */
describe('the demo random inspection', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite');
  });
  afterAll(() => h.close());

  it('publishes its plan, and a draw that re-runs to the same selection, equal to the fixture', async () => {
    const portal = await h.app.inject({ method: 'GET', url: '/inspections' });
    expect(portal.body).toContain('食品经营者“双随机、一公开”抽查计划');
    const { file } = await demoDrawFile(h);
    expect(rerunDraw(file).differences).toEqual([]);
    expect(file).toEqual(JSON.parse(fs.readFileSync(DEMO_DRAW_FIXTURE, 'utf8')));
    // 黄磊 (43042100000004) declared a conflict with the school canteen: never drawn for it.
    const canteen = file.commitment.recusals[0]!;
    expect(file.selection.find((s) => s.creditCode === canteen.creditCode)?.inspectors).not.toContain(
      canteen.certificateNumber,
    );
  });

  it('has one inspection done and published, one under way, the rest to do', async () => {
    const zhangwei = await signIn(h, 'zhangwei');
    const items = (await zhangwei.get('/api/v1/inspections/assignments')).json<{
      items: { caseState: string; result: string | null; publishedAt: string | null }[];
    }>().items;
    expect(items.map((a) => [a.caseState, a.result, a.publishedAt !== null])).toEqual([
      ['concluded', 'passed', true],
      ['recorded', null, false],
      ...items.slice(2).map(() => ['planned', null, false]),
    ]);
    expect(items.length).toBeGreaterThan(4);
  });
});
