import { z } from 'zod';
import { paging } from '../org/org.schema.ts';
import { recorderKinds, recorderStatuses } from './recorders.rules.ts';

/** Request and response shapes of the AV device registry, shared by the routes and the workbench. */

const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
const note = z.string().trim().max(200, '备注不能超过 200 个字符').default('');

export const recorderInput = z.strictObject({
  serial: text(60, '设备编号'),
  model: text(60, '型号'),
  kind: z.enum(recorderKinds).default('body_camera'),
  unitId: z.uuid().nullable().default(null),
});

export const recorderPatch = z.strictObject({
  model: text(60, '型号').optional(),
  kind: z.enum(recorderKinds).optional(),
  unitId: z.uuid().nullable().optional(),
  status: z.enum(recorderStatuses).optional(),
});

export const holder = z.object({
  loanId: z.uuid(),
  officerId: z.uuid(),
  officerName: z.string(),
  since: z.string(),
});

export const recorder = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  serial: z.string(),
  model: z.string(),
  kind: z.enum(recorderKinds),
  status: z.enum(recorderStatuses),
  holder: holder.nullable(),
});

export const loan = z.object({
  id: z.uuid(),
  recorderId: z.uuid(),
  officerId: z.uuid(),
  officerName: z.string(),
  checkedOutAt: z.string(),
  checkedOutBy: z.uuid().nullable(),
  outNote: z.string(),
  checkedInAt: z.string().nullable(),
  checkedInBy: z.uuid().nullable(),
  inNote: z.string().nullable(),
});

export const recorderDetail = z.object({ recorder, loans: z.array(loan) });

export const checkOutInput = z.strictObject({
  /** The officer who takes the device; by default the one asking. */
  officerId: z.uuid().optional(),
  note,
});
export const checkInInput = z.strictObject({ note });

export const recordersQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  status: z.enum(recorderStatuses).optional(),
  unitId: z.uuid().optional(),
  holderId: z.uuid().optional(),
  q: z.string().trim().max(60).optional(),
  ...paging,
});

export type RecorderInput = z.infer<typeof recorderInput>;
export type RecorderPatch = z.infer<typeof recorderPatch>;
export type Recorder = z.infer<typeof recorder>;
export type Loan = z.infer<typeof loan>;
export type RecordersQuery = z.infer<typeof recordersQuery>;
export type CheckOutInput = z.infer<typeof checkOutInput>;
