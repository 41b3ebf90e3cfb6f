import { z } from 'zod';
import { creditCodeMessages, creditCodeProblem } from '../org/credit-code.rules.ts';

/**
 * The published draw file of 双随机、一公开 (`GET /inspections/draws/{id}.json`, `sanxiang verify-draw`),
 * algorithm sanxiang-draw/v1 (docs/random-inspection.md). Nothing is trimmed or transformed: the file is
 * checked exactly as published, since its commitment is hashed as it stands. Order, duplicates and counts
 * are the rules' (draw.rules.ts checkCommitment), with their own error codes.
 */

const hex64 = (label: string) => z.string().regex(/^[0-9a-f]{64}$/, `${label}应为 64 位小写十六进制`);

/** A credit code as stored: upper case, GB 32100-2015 check character right. */
export const drawCreditCode = z.string().superRefine((code, ctx) => {
  const problem = creditCodeProblem(code);
  if (problem) ctx.addIssue({ code: 'custom', message: creditCodeMessages[problem] });
});

export const drawCertificateNumber = z
  .string()
  .min(1, '请填写执法证号')
  .max(40, '执法证号不能超过 40 个字符')
  .regex(/^[^\p{Cc}\s]+$/u, '执法证号不能含空白或控制字符');

const gradeList = z.array(drawCreditCode, '检查对象名录应为统一社会信用代码的列表').optional();
const gradeCount = z.number('抽取数量应为整数').int('抽取数量应为整数').min(0, '抽取数量不能为负').optional();

export const drawCommitment = z.strictObject({
  targets: z.strictObject(
    { A: gradeList, B: gradeList, C: gradeList, D: gradeList },
    '检查对象名录应按风险等级 A、B、C、D 分列',
  ),
  counts: z.strictObject(
    { A: gradeCount, B: gradeCount, C: gradeCount, D: gradeCount },
    '抽取数量应按风险等级 A、B、C、D 分列',
  ),
  inspectors: z.array(drawCertificateNumber, '检查人员名录应为执法证号的列表'),
  recusals: z.array(
    z.strictObject({ creditCode: drawCreditCode, certificateNumber: drawCertificateNumber }),
    '回避声明应为列表',
  ),
});

/** One line of text: what enters the seed, so never empty and never a line break (the separator). */
const oneLine = z
  .string()
  .min(1, '请填写公开随机数的取值')
  .regex(/^[^\r\n]+$/, '公开随机数的取值不能含换行');
const source = z.string().min(1, '请写明公开随机数的来源').max(500, '来源不能超过 500 个字符');

/** The public random values, each with its source; only `value` enters the seed. */
export const drawBeacon = z.discriminatedUnion(
  'kind',
  [
    // the county platform's checkpoint root hash: its third line, standard base64 of 32 bytes
    z.strictObject({
      kind: z.literal('county-checkpoint'),
      source,
      value: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '检查点根哈希应为检查点第三行的 base64（44 个字符）'),
    }),
    // a lottery result of a named date, as the lottery publishes it
    z.strictObject({
      kind: z.literal('lottery'),
      source,
      value: oneLine.max(200, '开奖结果不能超过 200 个字符'),
    }),
    // a drand round's randomness, lowercase hex
    z.strictObject({ kind: z.literal('drand'), source, value: hex64('drand 随机数') }),
  ],
  '公开随机数的类别应为 county-checkpoint、lottery 或 drand',
);

export const drawFile = z.strictObject({
  algorithm: z.string('请写明抽取算法').min(1, '请写明抽取算法'),
  commitment: drawCommitment,
  commitmentSha256: hex64('承诺摘要'),
  beacons: z.array(drawBeacon, '公开随机数应为列表').min(1, '至少须有一个公开随机数'),
  seed: hex64('种子'),
  selection: z.array(
    z.strictObject({
      creditCode: drawCreditCode,
      inspectors: z.tuple([drawCertificateNumber, drawCertificateNumber], '每个检查对象应有两名检查人员'),
    }),
    '抽取结果应为列表',
  ),
});

export type DrawFileInput = z.infer<typeof drawFile>;
