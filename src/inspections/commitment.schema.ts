import { z } from 'zod';

/** Request and response shapes of a task's commitment, its beacons and its draw (issue 15 item 3). */

const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);

export const beaconKinds = ['county-checkpoint', 'lottery', 'drand'] as const;
export const beaconKindLabels = {
  'county-checkpoint': '县级监督平台记录日志的下一个检查点根哈希',
  lottery: '指定日期的彩票开奖结果',
  drand: 'drand 随机信标的指定轮次',
} as const;

export const commitInput = z.strictObject({
  recusals: z
    .array(
      z.strictObject({
        creditCode: z.string().trim().toUpperCase().length(18, '统一社会信用代码应为 18 位'),
        certificateNumber: text(40, '执法证号'),
      }),
    )
    .max(1000)
    .default([]),
  beacons: z
    .array(
      z.strictObject({
        kind: z.enum(beaconKinds, '公开随机数的种类应为检查点根哈希、彩票开奖结果或 drand 轮次'),
        description: text(300, '公开随机数的来源说明'),
      }),
    )
    .min(1, '至少指定一个公开随机数')
    .max(5, '最多指定 5 个公开随机数'),
});

export const beaconInput = z.strictObject({
  position: z.number().int().min(0),
  value: text(500, '公开随机数的取值').refine((v) => !/[\r\n]/.test(v), '取值不能含换行'),
  source: text(500, '取值的出处'),
});

export const beaconView = z.object({
  position: z.number(),
  kind: z.enum(beaconKinds),
  kindLabel: z.string(),
  description: z.string(),
  value: z.string().nullable(),
  source: z.string().nullable(),
  enteredAt: z.string().nullable(),
});

export const drawnTargetView = z.object({
  creditCode: z.string(),
  name: z.string(),
  address: z.string(),
  inspectors: z.array(z.object({ certificateNumber: z.string(), name: z.string() })),
  caseId: z.uuid().nullable(),
});

export const commitmentView = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  algorithm: z.string(),
  commitmentSha256: z.string(),
  committedAt: z.string(),
  drawNotBefore: z.string(),
  counts: z.record(z.string(), z.number()),
  eligible: z.record(z.string(), z.number()),
  inspectorCount: z.number(),
  recusalCount: z.number(),
  beacons: z.array(beaconView),
  draw: z
    .object({
      id: z.uuid(),
      seed: z.string(),
      drawnAt: z.string(),
      selection: z.array(drawnTargetView),
    })
    .nullable(),
});

export type CommitInput = z.infer<typeof commitInput>;
export type BeaconInput = z.infer<typeof beaconInput>;
export type CommitmentView = z.infer<typeof commitmentView>;
