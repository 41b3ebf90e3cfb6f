/**
 * The random draw of 双随机、一公开, algorithm `sanxiang-draw/v1` (docs/random-inspection.md, the
 * specification anyone may re-implement). 国办发〔2015〕58号: inspection targets drawn at random from the
 * target directory and inspectors at random from the inspector pool, and the result made public;
 * 食品生产经营监督检查管理办法 §23: at least two inspectors per target, conflicts of interest recused.
 *
 * The draw is committed before it happens (the commitment: the sorted directories, the counts, the
 * recusals) and seeded by public random values published after the commitment (beacons), so anyone holding
 * the published draw file can re-run it. Pure: no database, no clock, no randomness of its own.
 */
import { createHash, createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError, type ErrorCode, type FieldError } from '../platform/errors.ts';
import { riskGrades, type RiskGrade } from './risk-grades.ts';

export const drawAlgorithm = 'sanxiang-draw/v1';

/** Risk grades, drawn in this order. */
export { riskGrades, type RiskGrade };

/** 食品生产经营监督检查管理办法 §23: at least two inspectors per target. */
export const inspectorsPerTarget = 2;

export interface Recusal {
  creditCode: string;
  certificateNumber: string;
}

/** What is committed before the draw; its RFC 8785 canonical JSON is hashed. */
export interface DrawCommitment {
  /** Eligible targets (credit codes) per grade, each list sorted; an absent grade has none. */
  targets: Partial<Record<RiskGrade, string[]>>;
  /** How many targets to draw per grade; an absent grade draws none. */
  counts: Partial<Record<RiskGrade, number>>;
  /** The inspector pool (certificate numbers), sorted. */
  inspectors: string[];
  /** Declared conflicts: this inspector is not drawn for this target. Sorted by credit code, then number. */
  recusals: Recusal[];
}

export interface DrawnTarget {
  creditCode: string;
  inspectors: [string, string];
}

/** The sort order of every list: the UTF-8 bytes of the strings, compared lexicographically. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const recusalOrder = (a: Recusal, b: Recusal) =>
  byteOrder(a.creditCode, b.creditCode) || byteOrder(a.certificateNumber, b.certificateNumber);

/** Lowercase hex SHA-256 of the commitment's canonical JSON (RFC 8785, the `canonicalize` package). */
export function computeCommitmentSha256(commitment: DrawCommitment): string {
  const json = canonicalize(commitment);
  if (json === undefined) throw new AppError('INTERNAL', { detail: '承诺无法规范化为 JSON' });
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

const refuse = (code: ErrorCode, errors: FieldError[]): AppError =>
  new AppError(code, { detail: errors[0]!.message, errors });

/** A duplicate before a misordering: a list with the same entry twice is refused for that first. */
function checkList<T>(
  list: readonly T[],
  key: (item: T) => string,
  order: (a: T, b: T) => number,
  path: string,
  label: string,
  seen: Map<string, string>,
): { duplicates: FieldError[]; unsorted: FieldError[] } {
  const duplicates: FieldError[] = [];
  const unsorted: FieldError[] = [];
  list.forEach((item, i) => {
    const k = key(item);
    const earlier = seen.get(k);
    if (earlier !== undefined)
      duplicates.push({ path: `${path}.${i}`, message: `${label} ${k} 重复（已见于 ${earlier}）` });
    else seen.set(k, `${path}.${i}`);
    const before = list[i - 1];
    if (before !== undefined && order(before, item) > 0)
      unsorted.push({
        path: `${path}.${i}`,
        message: `${label} ${k} 应排在 ${key(before)} 之前（按 UTF-8 字节顺序升序）`,
      });
  });
  return { duplicates, unsorted };
}

/**
 * Refuses a commitment that cannot be drawn, before any beacon is known — so a commitment accepted can
 * always be drawn, whatever the beacons turn out to be: a credit code or certificate number listed twice
 * (`DRAW_DUPLICATE_ENTRY`); a list not in byte order (`DRAW_LIST_UNSORTED`); a recusal naming a target or
 * inspector not in the commitment (`VALIDATION_FAILED`); a count larger than its grade's list
 * (`DRAW_TARGETS_TOO_FEW`); a target with fewer than two inspectors left after recusal
 * (`DRAW_CANDIDATES_TOO_FEW`). Paths are into the published draw file (`commitment.targets.A.3`).
 */
export function checkCommitment(commitment: DrawCommitment): void {
  const duplicates: FieldError[] = [];
  const unsorted: FieldError[] = [];
  const add = (r: { duplicates: FieldError[]; unsorted: FieldError[] }) => {
    duplicates.push(...r.duplicates);
    unsorted.push(...r.unsorted);
  };
  const targetsSeen = new Map<string, string>();
  for (const grade of riskGrades)
    add(
      checkList(
        commitment.targets[grade] ?? [],
        (c) => c,
        byteOrder,
        `commitment.targets.${grade}`,
        '统一社会信用代码',
        targetsSeen,
      ),
    );
  add(checkList(commitment.inspectors, (c) => c, byteOrder, 'commitment.inspectors', '执法证号', new Map()));
  add(
    checkList(
      commitment.recusals,
      (r) => `${r.creditCode}/${r.certificateNumber}`,
      recusalOrder,
      'commitment.recusals',
      '回避声明',
      new Map(),
    ),
  );
  if (duplicates.length) throw refuse('DRAW_DUPLICATE_ENTRY', duplicates);
  if (unsorted.length) throw refuse('DRAW_LIST_UNSORTED', unsorted);

  const pool = new Set(commitment.inspectors);
  const unknown: FieldError[] = [];
  commitment.recusals.forEach((r, i) => {
    if (!targetsSeen.has(r.creditCode))
      unknown.push({
        path: `commitment.recusals.${i}.creditCode`,
        message: `回避声明中的统一社会信用代码 ${r.creditCode} 不在检查对象名录中`,
      });
    if (!pool.has(r.certificateNumber))
      unknown.push({
        path: `commitment.recusals.${i}.certificateNumber`,
        message: `回避声明中的执法证号 ${r.certificateNumber} 不在检查人员名录中`,
      });
  });
  if (unknown.length) throw refuse('VALIDATION_FAILED', unknown);

  const tooFew: FieldError[] = [];
  for (const grade of riskGrades) {
    const k = commitment.counts[grade] ?? 0;
    const m = commitment.targets[grade]?.length ?? 0;
    if (!Number.isSafeInteger(k) || k < 0)
      tooFew.push({ path: `commitment.counts.${grade}`, message: `${grade} 级的抽取数量应为非负整数` });
    else if (k > m)
      tooFew.push({
        path: `commitment.counts.${grade}`,
        message: `${grade} 级要抽取 ${k} 个检查对象，名录中只有 ${m} 个`,
      });
  }
  if (tooFew.length) throw refuse('DRAW_TARGETS_TOO_FEW', tooFew);

  const short: FieldError[] = [];
  for (const grade of riskGrades)
    (commitment.targets[grade] ?? []).forEach((creditCode, i) => {
      const n = candidatesFor(commitment, creditCode).length;
      if (n < inspectorsPerTarget)
        short.push({
          path: `commitment.targets.${grade}.${i}`,
          message: `检查对象 ${creditCode} 回避后只有 ${n} 名可抽取的检查人员，至少需要 ${inspectorsPerTarget} 名`,
        });
    });
  if (short.length) throw refuse('DRAW_CANDIDATES_TOO_FEW', short);
}

/** The sorted pool minus those recused for this target (order kept). */
export function candidatesFor(commitment: DrawCommitment, creditCode: string): string[] {
  const recused = new Set(
    commitment.recusals.filter((r) => r.creditCode === creditCode).map((r) => r.certificateNumber),
  );
  return commitment.inspectors.filter((c) => !recused.has(c));
}

/**
 * seed = SHA-256(UTF-8("sanxiang-draw/v1\n" + commitmentSha256Hex + "\n" + beacon₁ + "\n" + … + beaconₙ + "\n")).
 * At least one beacon; none empty or holding a line break (the separator).
 */
export function drawSeed(commitmentSha256Hex: string, beacons: readonly string[]): Buffer {
  if (!/^[0-9a-f]{64}$/.test(commitmentSha256Hex))
    throw new AppError('VALIDATION_FAILED', {
      detail: '承诺摘要应为 64 位小写十六进制',
      errors: [{ path: 'commitmentSha256', message: '承诺摘要应为 64 位小写十六进制' }],
    });
  const bad: FieldError[] = beacons.flatMap((b, i) =>
    b === '' || /[\r\n]/.test(b)
      ? [{ path: `beacons.${i}.value`, message: '公开随机数的取值不能为空，也不能含换行' }]
      : [],
  );
  if (beacons.length === 0) bad.push({ path: 'beacons', message: '至少须有一个公开随机数' });
  if (bad.length) throw refuse('VALIDATION_FAILED', bad);
  const text = [drawAlgorithm, commitmentSha256Hex, ...beacons].map((line) => `${line}\n`).join('');
  return createHash('sha256').update(text, 'utf8').digest();
}

export interface DrawStream {
  /** The next unsigned 32-bit big-endian word of HMAC-SHA-256(seed, uint64 BE 0), (…, 1), … */
  nextWord(): number;
  /** Uniform on 0 … n−1 by rejection: words ≥ 2³² − (2³² mod n) are skipped. Always takes ≥ 1 word. */
  uniform(n: number): number;
}

export function drawStream(seed: Buffer): DrawStream {
  let counter = 0n;
  let block = Buffer.alloc(0);
  let offset = 0;
  const nextWord = () => {
    if (offset === block.length) {
      const message = Buffer.alloc(8);
      message.writeBigUInt64BE(counter++);
      block = createHmac('sha256', seed).update(message).digest();
      offset = 0;
    }
    const word = block.readUInt32BE(offset);
    offset += 4;
    return word;
  };
  const uniform = (n: number) => {
    if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 32)
      throw new AppError('INTERNAL', { detail: `uniform(${n})：n 应为 1 到 2³² 的整数` });
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const w = nextWord();
      if (w < limit) return w % n;
    }
  };
  return { nextWord, uniform };
}

/** Partial Fisher–Yates: for j in 0 … k−1, r = j + uniform(m − j), swap j and r; the first k, in order. */
export function partialShuffle<T>(list: readonly T[], k: number, stream: DrawStream): T[] {
  const items = [...list];
  for (let j = 0; j < k; j++) {
    const r = j + stream.uniform(items.length - j);
    [items[j], items[r]] = [items[r]!, items[j]!];
  }
  return items.slice(0, k);
}

/**
 * The draw: targets per grade A, B, C, D from one stream, then for each drawn target in draw order two
 * inspectors from its candidates, continuing the stream. The commitment is checked first (checkCommitment).
 */
export function drawSelection(
  commitment: DrawCommitment,
  beacons: readonly string[],
): { seed: string; selection: DrawnTarget[] } {
  checkCommitment(commitment);
  const seed = drawSeed(computeCommitmentSha256(commitment), beacons);
  const stream = drawStream(seed);
  const targets = riskGrades.flatMap((grade) =>
    partialShuffle(commitment.targets[grade] ?? [], commitment.counts[grade] ?? 0, stream),
  );
  const selection = targets.map((creditCode) => {
    const [first, second] = partialShuffle(
      candidatesFor(commitment, creditCode),
      inspectorsPerTarget,
      stream,
    );
    return { creditCode, inspectors: [first!, second!] as [string, string] };
  });
  return { seed: seed.toString('hex'), selection };
}

/** A public random value of a draw file; only `value` enters the seed, in the order of the list. */
export interface Beacon {
  kind: string;
  source: string;
  value: string;
}

export interface DrawFile {
  algorithm: string;
  commitment: DrawCommitment;
  commitmentSha256: string;
  beacons: Beacon[];
  seed: string;
  selection: DrawnTarget[];
}

/** One published value the re-run does not reproduce: where in the file, what it says, what it should. */
export interface DrawDifference {
  path: string;
  published: string;
  computed: string;
}

/**
 * Re-runs a published draw: the commitment's hash, the seed (from the recomputed hash) and the selection,
 * each compared with what the file says. An unknown algorithm is `DRAW_ALGORITHM_UNKNOWN`; a commitment that
 * cannot be drawn is refused as by checkCommitment.
 */
export function rerunDraw(file: DrawFile): {
  commitmentSha256: string;
  seed: string;
  selection: DrawnTarget[];
  differences: DrawDifference[];
} {
  if (file.algorithm !== drawAlgorithm)
    throw new AppError('DRAW_ALGORITHM_UNKNOWN', {
      detail: `不支持的抽取算法 ${file.algorithm}，本程序只实现 ${drawAlgorithm}`,
      errors: [{ path: 'algorithm', message: `不支持的抽取算法 ${file.algorithm}` }],
    });
  const commitmentSha256 = computeCommitmentSha256(file.commitment);
  const { seed, selection } = drawSelection(
    file.commitment,
    file.beacons.map((b) => b.value),
  );
  const differences: DrawDifference[] = [];
  const compare = (path: string, published: string | undefined, computed: string | undefined) => {
    if (published !== computed)
      differences.push({ path, published: published ?? '（无）', computed: computed ?? '（无）' });
  };
  compare('commitmentSha256', file.commitmentSha256, commitmentSha256);
  compare('seed', file.seed, seed);
  for (let i = 0; i < Math.max(selection.length, file.selection.length); i++) {
    const published = file.selection[i];
    const computed = selection[i];
    compare(`selection.${i}.creditCode`, published?.creditCode, computed?.creditCode);
    for (let j = 0; j < inspectorsPerTarget; j++)
      compare(`selection.${i}.inspectors.${j}`, published?.inspectors[j], computed?.inspectors[j]);
  }
  return { commitmentSha256, seed, selection, differences };
}
