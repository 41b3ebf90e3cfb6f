import { z } from 'zod';
import { sanctionKinds } from './hearing-right.rules.ts';
import { sanctionListProblems } from './sanctions.rules.ts';

/**
 * The sanctions of 行政处罚法 §9 as requests carry them: in the notice (§44), the decision (§59) and the
 * investigation report's proposal that the legal review reads (issue 12 item 3).
 */

const fen = z.number().int('金额以分为单位，应为整数').min(0, '金额不能为负数').max(Number.MAX_SAFE_INTEGER);

/** One sanction of 行政处罚法 §9: its kind, and for a fine or confiscation its amount in fen. */
export const sanctionInput = z.strictObject({
  kind: z.enum(sanctionKinds, { error: '处罚种类不正确' }),
  amountFen: fen.optional(),
  /** 暂扣, 停产停业, 限制开展生产经营活动, 限制从业: for how long (sanctions.rules.ts `termKinds`). */
  term: z
    .strictObject({
      value: z.number().int('期限应为整数').positive('期限必须为正数').max(100, '期限过长'),
      unit: z.enum(['day', 'month', 'year'], { error: '期限单位应为日、月或年' }),
    })
    .optional(),
  lifelong: z.boolean().optional(),
});
/** A list of sanctions: amounts where needed (罚款、没收), each kind once (sanctions.rules.ts). */
export const sanctionList = z
  .array(sanctionInput)
  .max(12, '处罚种类最多 12 项')
  .superRefine((list, ctx) => {
    for (const p of sanctionListProblems(list))
      ctx.addIssue({
        code: 'custom',
        path: p.path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
        message: p.message,
      });
  });
