import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../platform/errors.ts';
import { rerunDraw, riskGrades } from '../inspections/draw.rules.ts';
import { drawFile } from '../inspections/draw.schema.ts';

/**
 * `sanxiang verify-draw FILE.json`: re-runs a published random-inspection draw (sanxiang-draw/v1,
 * docs/random-inspection.md) from the file alone — no database, no network — and says what matches. Exit
 * status 1 on any difference, each named by its place in the file, or on a file that is not a draw file.
 */
export function verifyDrawFile(text: string): { ok: boolean; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, out, err: ['校验失败：文件不是有效的 JSON'] };
  }
  const parsed = drawFile.safeParse(json);
  if (!parsed.success) {
    err.push('校验失败：文件不是抽取结果文件：');
    for (const issue of parsed.error.issues.slice(0, 20))
      err.push(`  ${issue.path.join('.') || '（文件）'}：${issue.message}`);
    return { ok: false, out, err };
  }
  const file = parsed.data;
  let rerun: ReturnType<typeof rerunDraw>;
  try {
    rerun = rerunDraw(file);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    err.push(`校验失败：${e.title}（${e.code}）`);
    for (const f of e.errors.slice(0, 20)) err.push(`  ${f.path}：${f.message}`);
    return { ok: false, out, err };
  }
  const differs = (path: string) => rerun.differences.some((d) => d.path === path || d.path.startsWith(path));
  out.push(`算法：${file.algorithm}`);
  if (!differs('commitmentSha256')) out.push(`承诺摘要一致：${rerun.commitmentSha256}`);
  if (!differs('seed'))
    out.push(`种子一致：${rerun.seed}（由承诺摘要与 ${file.beacons.length} 个公开随机数计算）`);
  if (!differs('selection.')) {
    const perGrade = riskGrades
      .filter((g) => (file.commitment.counts[g] ?? 0) > 0)
      .map((g) => `${g} 级 ${file.commitment.counts[g]} 个`);
    out.push(
      `抽取结果一致：${rerun.selection.length} 个检查对象（${perGrade.join('、') || '无'}），各 2 名检查人员`,
    );
  }
  for (const d of rerun.differences)
    err.push(`不一致：${d.path}：文件中为 ${d.published}，重算为 ${d.computed}`);
  if (rerun.differences.length) {
    err.push(`校验失败：共 ${rerun.differences.length} 处与重算结果不同。`);
    return { ok: false, out, err };
  }
  out.push('校验通过：抽取结果可由公布的承诺和公开随机数重现（公开随机数本身请到所列来源核对）');
  return { ok: true, out, err };
}

export function addVerifyDrawCommand(program: Command): void {
  program
    .command('verify-draw <file>')
    .description(
      '校验“双随机”抽取结果文件：重算承诺摘要、种子与抽取结果（sanxiang-draw/v1），不一致时退出码为 1',
    )
    .action((file: string) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        throw new AppError('NOT_FOUND', { detail: `无法读取文件 ${file}` });
      }
      const result = verifyDrawFile(text);
      for (const line of result.out) console.log(line);
      for (const line of result.err) console.error(line);
      if (!result.ok) process.exitCode = 1;
    });
}
