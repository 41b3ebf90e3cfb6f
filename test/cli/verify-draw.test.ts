import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { DrawFileInput } from '../../src/inspections/draw.schema.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/sanxiang.js');
const example = path.resolve(import.meta.dirname, '../inspections/fixtures/draw-example.json');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-draw-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const verifyDraw = (file: string) =>
  run('node', [bin, 'verify-draw', file]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );

/** A copy of the example draw file with `change` applied. */
function altered(name: string, change: (draw: DrawFileInput) => void): string {
  const draw = JSON.parse(fs.readFileSync(example, 'utf8')) as DrawFileInput;
  change(draw);
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(draw));
  return file;
}

describe('sanxiang verify-draw FILE.json re-runs a published draw (docs/random-inspection.md)', () => {
  it('says what matches and exits 0 on the example draw', async () => {
    const { code, stdout } = await verifyDraw(example);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '承诺摘要一致：76b139a6d53a9c5e39e7b824462d34817c28ce3a64fbaef943a0cbf9038980bb',
    );
    expect(stdout).toContain('种子一致：1da3231a4f243530987f0964ee5c06f64a17df5886aff2d37a3944d4ef4d2b27');
    expect(stdout).toContain(
      '抽取结果一致：6 个检查对象（A 级 2 个、B 级 3 个、C 级 1 个），各 2 名检查人员',
    );
  });

  it('exits 1 naming the seed and the selection when a beacon was changed after the draw', async () => {
    const { code, stdout, stderr } = await verifyDraw(
      altered('beacon.json', (d) => (d.beacons[1]!.value = '03 08 15 21 27 33 + 12')),
    );
    expect(code).toBe(1);
    expect(stdout).toContain('承诺摘要一致');
    expect(stderr).toContain('不一致：seed：文件中为 1da3231a');
    expect(stderr).toMatch(/不一致：selection\.0\./);
  });

  it('exits 1 naming the one inspector swapped for another', async () => {
    const { code, stderr } = await verifyDraw(
      altered('inspector.json', (d) => (d.selection[2]!.inspectors[1] = '43040020190007')),
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      '不一致：selection.2.inspectors.1：文件中为 43040020190007，重算为 43040020240016',
    );
    expect(stderr).toContain('共 1 处');
  });

  it('exits 1 with the reason on a draw of an unknown algorithm or an unsorted commitment', async () => {
    const v2 = await verifyDraw(altered('v2.json', (d) => (d.algorithm = 'sanxiang-draw/v2')));
    expect([v2.code, v2.stderr]).toEqual([1, expect.stringContaining('DRAW_ALGORITHM_UNKNOWN')]);
    const unsorted = await verifyDraw(
      altered('unsorted.json', (d) => void d.commitment.inspectors.reverse()),
    );
    expect([unsorted.code, unsorted.stderr]).toEqual([
      1,
      expect.stringContaining('commitment.inspectors.1：执法证号 43040020230088 应排在 43040020240016 之前'),
    ]);
  });

  it('exits 1 on a file that is not a draw file, naming the field', async () => {
    const { code, stderr } = await verifyDraw(altered('seedless.json', (d) => (d.seed = 'abc')));
    expect(code).toBe(1);
    expect(stderr).toContain('seed：种子应为 64 位小写十六进制');
  });
});
