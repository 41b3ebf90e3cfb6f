import type { z } from 'zod';
import type { beaconInput, commitInput, CommitmentView } from '../../../src/inspections/commitment.schema.ts';
import type { Plan, planInput, Task, taskInput } from '../../../src/inspections/plans.schema.ts';
import type { Assignment, resultInput } from '../../../src/inspections/results.schema.ts';
import type {
  Target,
  TargetDetail,
  targetInput,
  targetPatch,
} from '../../../src/inspections/targets.schema.ts';
import { api, type Query } from './client.ts';
import { xlsxType } from './org.ts';

/** 双随机抽查 (issue 15): the target directory, plans and tasks, commitments and draws, results. */

export type { Assignment, CommitmentView, Plan, Target, TargetDetail, Task };
export type TargetInput = z.input<typeof targetInput>;
export type TargetPatch = z.input<typeof targetPatch>;
export type PlanInput = z.input<typeof planInput>;
export type TaskInput = z.input<typeof taskInput>;
export type CommitInput = z.input<typeof commitInput>;
export type BeaconInput = z.input<typeof beaconInput>;

export interface TargetFilters extends Query {
  q?: string;
  field?: string;
  riskGrade?: string;
  active?: 'true' | 'false';
}

export interface TargetImportRow {
  row: number;
  creditCode: string;
  name: string;
  action: 'add' | 'update' | 'unchanged';
  errors: { column: string; message: string }[];
}

export interface TargetImportResult {
  valid: boolean;
  added: number;
  updated: number;
  rows: TargetImportRow[];
}

export type InspectionResult = Assignment['result'] & string;
export type ResultInput = z.input<typeof resultInput>;

export interface AssignmentFilters extends Query {
  mine?: 'true' | 'false';
  drawId?: string;
}

const v1 = '/api/v1/inspections';

export const inspectionsApi = {
  targets: (filters: TargetFilters) => api.get<{ items: Target[] }>(`${v1}/targets`, filters),
  target: (id: string) => api.get<TargetDetail>(`${v1}/targets/${id}`),
  addTarget: (input: TargetInput) => api.post<TargetDetail>(`${v1}/targets`, input),
  changeTarget: (id: string, patch: TargetPatch) => api.patch<TargetDetail>(`${v1}/targets/${id}`, patch),
  targetsExport: `${v1}/targets/export.xlsx`,
  targetsTemplate: `${v1}/targets/import-template.xlsx`,
  importTargets: (file: File, dryRun: boolean) =>
    api.post<TargetImportResult>(`${v1}/targets/import`, new Blob([file], { type: xlsxType }), {
      dryRun,
    }),

  plans: () => api.get<{ items: Plan[] }>(`${v1}/plans`),
  createPlan: (input: PlanInput) => api.post<Plan>(`${v1}/plans`, input),
  addTask: (planId: string, input: TaskInput) => api.post<Plan>(`${v1}/plans/${planId}/tasks`, input),
  approvePlan: (planId: string, on?: string) => api.post<Plan>(`${v1}/plans/${planId}/approve`, { on }),
  publishPlan: (planId: string) => api.post<Plan>(`${v1}/plans/${planId}/publish`),
  cancelTask: (taskId: string, reason: string) => api.post<Plan>(`${v1}/tasks/${taskId}/cancel`, { reason }),
  plansExport: `${v1}/plans/export.xlsx`,

  commitmentOfTask: (taskId: string) =>
    api.get<{ commitment: CommitmentView | null }>(`${v1}/tasks/${taskId}/commitment`),
  commit: (taskId: string, input: CommitInput) =>
    api.post<CommitmentView>(`${v1}/tasks/${taskId}/commitment`, input),
  enterBeacon: (commitmentId: string, input: BeaconInput) =>
    api.post<CommitmentView>(`${v1}/commitments/${commitmentId}/beacons`, input),
  draw: (commitmentId: string) => api.post<CommitmentView>(`${v1}/commitments/${commitmentId}/draw`),
  drawExport: (drawId: string) => `${v1}/draws/${drawId}/export.xlsx`,

  assignments: (filters: AssignmentFilters) => api.get<{ items: Assignment[] }>(`${v1}/assignments`, filters),
  recordResult: (id: string, input: ResultInput) =>
    api.post<Assignment>(`${v1}/assignments/${id}/result`, input),
  publishResult: (id: string) => api.post<Assignment>(`${v1}/assignments/${id}/publish`),
  assignmentsExport: `${v1}/assignments/export.xlsx`,
};
