import { avKinds, continuousKinds, type EvidenceKind, type Interruption } from './evidence.rules.ts';

/**
 * The AV checklist (音像记录事项清单, S-8.1): which enforcement steps need AV, and which need full-process,
 * uninterrupted AV, and the rule that lists each required step without matching AV (issue 3 item 7).
 * Pure: steps, their evidence and the checklist in, the gaps out.
 */

export type AvRequirement = 'av' | 'full_process_av';

export const avRequirementLabels: Readonly<Record<AvRequirement, string>> = {
  av: '音像记录',
  full_process_av: '全过程音像记录',
};

export interface ChecklistItem {
  readonly step: string;
  readonly label: string;
  readonly requirement: AvRequirement;
  readonly basis: string;
}

const GUIDANCE = '国办发〔2018〕118号';

/** The defaults (docs/rules.md "Full-process recording"); an agency may add steps or raise a requirement. */
export const defaultChecklist: readonly ChecklistItem[] = [
  // 118号: AV where disputes are likely, as the situation requires.
  { step: 'on_site_inspection', label: '现场检查', requirement: 'av', basis: GUIDANCE },
  { step: 'random_inspection', label: '随机抽查', requirement: 'av', basis: GUIDANCE },
  { step: 'evidence_collection', label: '调查取证', requirement: 'av', basis: GUIDANCE },
  { step: 'evidence_preservation', label: '证据保全', requirement: 'av', basis: GUIDANCE },
  { step: 'hearing', label: '听证', requirement: 'av', basis: GUIDANCE },
  { step: 'coercive_measure', label: '行政强制', requirement: 'av', basis: GUIDANCE },
  { step: 'service', label: '送达', requirement: 'av', basis: GUIDANCE },
  // 118号: full-process AV where personal freedom, life and health or major property are directly touched.
  { step: 'sealing', label: '查封', requirement: 'full_process_av', basis: GUIDANCE },
  { step: 'seizure', label: '扣押', requirement: 'full_process_av', basis: GUIDANCE },
  { step: 'demolition', label: '强制拆除', requirement: 'full_process_av', basis: GUIDANCE },
  {
    step: 'personal_safety_action',
    label: '直接涉及人身自由、生命健康的现场执法',
    requirement: 'full_process_av',
    basis: GUIDANCE,
  },
  {
    step: 'major_property_action',
    label: '直接涉及重大财产权益的现场执法',
    requirement: 'full_process_av',
    basis: GUIDANCE,
  },
  {
    step: 'case_handling_premises',
    label: '执法办案场所内的执法活动',
    requirement: 'full_process_av',
    basis: GUIDANCE,
  },
];

/** Steps of the procedure that need no AV by default (行政处罚法 §47 lists them for written records). */
export const otherSteps: Readonly<Record<string, string>> = {
  filing: '立案',
  notice: '告知',
  statement_and_defence: '陈述申辩',
  legal_review: '法制审核',
  collective_deliberation: '集体讨论',
  decision: '决定',
  execution: '执行',
  closing: '结案',
};

export const STEP_CODE = /^[a-z][a-z0-9_]{1,39}$/;

const rank: Readonly<Record<AvRequirement, number>> = { av: 1, full_process_av: 2 };

export interface ItemProblem {
  /** Index into the list, or null for the list as a whole. */
  readonly index: number | null;
  readonly message: string;
}

/** What is wrong with an agency's checklist: a duplicate step, or a default step dropped or weakened. */
export function checklistProblems(items: readonly ChecklistItem[]): ItemProblem[] {
  const problems: ItemProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.step)) problems.push({ index, message: `事项 ${item.step} 重复` });
    seen.add(item.step);
    if (item.step in otherSteps) problems.push({ index, message: `${item.step} 是程序环节的保留代码` });
  });
  for (const floor of defaultChecklist) {
    const item = items.find((i) => i.step === floor.step);
    if (!item || rank[item.requirement] < rank[floor.requirement]) {
      const message = `“${floor.label}”须${avRequirementLabels[floor.requirement]}（${floor.basis}），不能删除或降低`;
      problems.push({ index: item ? items.indexOf(item) : null, message });
    }
  }
  return problems;
}

/** The label of a step code in this checklist or the procedure, or undefined for an unknown code. */
export function stepLabel(step: string, checklist: readonly ChecklistItem[]): string | undefined {
  return checklist.find((i) => i.step === step)?.label ?? otherSteps[step];
}

export interface StepFacts {
  readonly id: string;
  readonly step: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
}

export interface AvFacts {
  readonly id: string;
  readonly kind: EvidenceKind;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly step: string | null;
  readonly stepId: string | null;
  readonly fullProcess: boolean;
  readonly capturedFrom: Date | null;
  readonly capturedTo: Date | null;
  readonly interruptions: readonly Interruption[];
}

export type GapProblem = 'no_av' | 'not_full_process' | 'unexplained_break';

export interface AvGap {
  readonly stepId: string;
  readonly step: string;
  readonly label: string;
  readonly requirement: AvRequirement;
  readonly problem: GapProblem;
  /** For an unexplained break: when the recording stopped and when it resumed (or the step ended). */
  readonly from?: Date;
  readonly to?: Date;
  readonly message: string;
}

/** Recorders split long recordings into files; a second or two between files is not a break. */
export const SPLIT_TOLERANCE_MS = 10_000;

/** Evidence is about a step when it names the step, or names no step but its code on the same subject. */
export function isAbout(evidence: AvFacts, step: StepFacts): boolean {
  if (evidence.stepId !== null) return evidence.stepId === step.id;
  return (
    evidence.step === step.step &&
    evidence.subjectType === step.subjectType &&
    evidence.subjectId === step.subjectId
  );
}

interface Span {
  from: number;
  to: number;
}

/** The parts of `window` that no span covers, ignoring breaks up to the tolerance. */
function uncovered(window: Span, spans: Span[]): Span[] {
  const gaps: Span[] = [];
  let cursor = window.from;
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    if (span.from - cursor > SPLIT_TOLERANCE_MS && cursor < window.to) {
      gaps.push({ from: cursor, to: Math.min(span.from, window.to) });
    }
    cursor = Math.max(cursor, span.to);
  }
  if (window.to - cursor > SPLIT_TOLERANCE_MS) gaps.push({ from: cursor, to: window.to });
  return gaps;
}

/** `YYYY-MM-DD HH:mm:ss` in China time, for messages. */
export function chinaTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * 118号 and 四平 AV practice (docs/rules.md): for each step the checklist names, its AV must exist; for a
 * full-process step it must be marked full-process and run from the step's start to its end (or to the
 * last recording, when the end is not recorded), every break longer than a file split being a stated
 * interruption. Disposed files still count: they were recorded, and their digests remain.
 */
export function avGaps(
  steps: readonly StepFacts[],
  evidence: readonly AvFacts[],
  checklist: readonly ChecklistItem[],
): AvGap[] {
  const required = new Map(checklist.map((item) => [item.step, item]));
  const gaps: AvGap[] = [];
  for (const step of steps) {
    const item = required.get(step.step);
    if (!item) continue;
    const gap = (problem: GapProblem, message: string, span?: Span): AvGap => ({
      stepId: step.id,
      step: step.step,
      label: item.label,
      requirement: item.requirement,
      problem,
      ...(span ? { from: new Date(span.from), to: new Date(span.to) } : {}),
      message,
    });
    const av = evidence.filter((e) => avKinds.has(e.kind) && isAbout(e, step));
    if (av.length === 0) {
      gaps.push(
        gap('no_av', `“${item.label}”须${avRequirementLabels[item.requirement]}，没有关联的照片、录音或录像`),
      );
      continue;
    }
    if (item.requirement !== 'full_process_av') continue;
    const full = av.filter(
      (e) => e.fullProcess && continuousKinds.has(e.kind) && e.capturedFrom !== null && e.capturedTo !== null,
    );
    if (full.length === 0) {
      gaps.push(gap('not_full_process', `“${item.label}”须全过程音像记录，关联的录音录像都不是全过程记录`));
      continue;
    }
    const spans = full.flatMap((e) => [
      { from: e.capturedFrom!.getTime(), to: e.capturedTo!.getTime() },
      ...e.interruptions.map((i) => ({ from: i.stoppedAt.getTime(), to: i.resumedAt.getTime() })),
    ]);
    const end = step.endedAt?.getTime() ?? Math.max(...full.map((e) => e.capturedTo!.getTime()));
    for (const span of uncovered({ from: step.startedAt.getTime(), to: end }, spans)) {
      const message = `“${item.label}”的全过程音像记录在 ${chinaTime(new Date(span.from))} 至 ${chinaTime(new Date(span.to))} 之间没有记录，也未说明中断原因`;
      gaps.push(gap('unexplained_break', message, span));
    }
  }
  return gaps;
}
