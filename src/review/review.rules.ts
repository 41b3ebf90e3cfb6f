/**
 * The legal review itself (法制审核, S-13 … S-15): its seven points, results and lifecycle, who may review,
 * when it is due, what a submission must hold, and when a change to the case voids a passed review. Pure.
 */
import {
  addWorkingDays,
  type DueDate,
  type WorkingCalendar,
} from '../platform/calendar/working-days.rules.ts';
import type { CaseSanction } from '../cases/sanctions.rules.ts';
import type { DecisionFacts, ReviewPeriod } from './catalogue.rules.ts';
import type { ReviewPackage } from './package.ts';

/** The review points (宁夏 list, close to the seed's S-13; docs/rules.md "Legal review"). */
export const pointLabels = {
  competence: '执法主体是否合法、执法人员是否具备执法资格',
  procedure: '执法程序是否合法',
  facts: '案件事实是否清楚、证据是否确凿充分',
  law: '适用法律、法规、规章是否准确',
  discretion: '裁量基准运用是否适当',
  documents: '执法文书是否完备、规范',
  crime: '是否涉嫌犯罪需要移送司法机关',
  other: '其他需要审核的内容',
} as const;
export type Point = keyof typeof pointLabels;
export const points = Object.keys(pointLabels) as [Point, ...Point[]];

export const findingLabels = {
  satisfied: '符合',
  problem: '存在问题',
  not_applicable: '不适用',
} as const;
export type Finding = keyof typeof findingLabels;
export const findings = Object.keys(findingLabels) as [Finding, ...Finding[]];

export const resultLabels = {
  approve: '同意',
  approve_with_changes: '修改后同意',
  return: '退回补充调查',
  disapprove: '不同意',
} as const;
export type Result = keyof typeof resultLabels;
export const results = Object.keys(resultLabels) as [Result, ...Result[]];

export const statusLabels = {
  submitted: '待分配',
  in_review: '审核中',
  approved: '审核通过',
  approved_with_changes: '修改后通过',
  returned: '已退回',
  disapproved: '审核不通过',
  deliberation: '集体讨论中',
  void: '已失效',
} as const;
export type ReviewStatus = keyof typeof statusLabels;
export const reviewStatuses = Object.keys(statusLabels) as [ReviewStatus, ...ReviewStatus[]];

/** Results that let the decision be made (行政处罚法 §58: without review, or if review fails, no decision). */
export const passingStatuses: ReadonlySet<ReviewStatus> = new Set(['approved', 'approved_with_changes']);
/** Reviews still running: a case has at most one. */
export const openStatuses: ReadonlySet<ReviewStatus> = new Set(['submitted', 'in_review', 'deliberation']);

const statusOfResult: Record<Result, ReviewStatus> = {
  approve: 'approved',
  approve_with_changes: 'approved_with_changes',
  return: 'returned',
  disapprove: 'disapproved',
};
export const statusAfter = (result: Result): ReviewStatus => statusOfResult[result];

export interface FindingInput {
  point: Point;
  finding: Finding;
  note: string;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * A result stands on its findings (S-13): every one of the seven points and "other" answered once; a
 * problem always explained; where the result is not "approve", every finding carries its note (the opinion
 * must say why); "approve" with a problem found is a contradiction (that is "approve with changes"); a
 * result other than approve names at least one problem; a suspected crime cannot be approved, the case
 * goes to the judiciary (行政处罚法 §27). The crime point is answered yes or no, never "not applicable":
 * every case is looked at for it (§27). A point the automatic pre-checks failed may still be found
 * satisfied — the reviewer judges, the checks inform — but only with a note saying why (issue 12 item 8:
 * the form does not pre-judge, nor may the reviewer wave a failed check through in silence).
 */
export function findingProblems(
  result: Result,
  input: readonly FindingInput[],
  failedPrechecks: readonly { point: Point; label: string }[] = [],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const point of points) {
    const count = input.filter((f) => f.point === point).length;
    if (count === 0)
      problems.push({ path: 'findings', message: `缺少审核要点“${pointLabels[point]}”的结论` });
    if (count > 1) problems.push({ path: 'findings', message: `审核要点“${pointLabels[point]}”重复` });
  }
  input.forEach((f, i) => {
    const blank = f.note.trim() === '';
    const failed = failedPrechecks.filter((c) => c.point === f.point);
    if (blank && (result !== 'approve' || f.finding === 'problem')) {
      problems.push({ path: `findings.${i}.note`, message: `请填写“${pointLabels[f.point]}”的审核意见` });
    } else if (blank && f.finding === 'satisfied' && failed.length > 0) {
      problems.push({
        path: `findings.${i}.note`,
        message: `自动预审“${failed.map((c) => c.label).join('”“')}”未通过，认定“${pointLabels[f.point]}”符合的，须写明理由`,
      });
    }
    if (f.point === 'crime' && f.finding === 'not_applicable') {
      problems.push({
        path: `findings.${i}.finding`,
        message: '“是否涉嫌犯罪”须回答是或否，不能选“不适用”（行政处罚法 §27）',
      });
    }
  });
  const problemsFound = input.filter((f) => f.finding === 'problem');
  if (result === 'approve' && problemsFound.length > 0) {
    problems.push({ path: 'result', message: '审核发现问题的，不能直接同意，应修改后同意、退回或不同意' });
  }
  if (result !== 'approve' && problemsFound.length === 0) {
    problems.push({ path: 'findings', message: `审核结论为“${resultLabels[result]}”的，至少应指出一个问题` });
  }
  const crime = input.find((f) => f.point === 'crime');
  if (crime?.finding === 'problem' && (result === 'approve' || result === 'approve_with_changes')) {
    problems.push({
      path: 'result',
      message: '涉嫌犯罪的案件应移送司法机关，不能同意作出决定（行政处罚法 §27）',
    });
  }
  return problems;
}

/** Recusal (行政处罚法 §43; S-13): whoever investigated the case does not review it. */
export const mustRecuse = (reviewerId: string, investigatorIds: readonly string[]): boolean =>
  investigatorIds.includes(reviewerId);

export type ReviewerRefusal = 'NOT_IN_LEGAL_UNIT' | 'FIRST_REVIEW_UNQUALIFIED' | 'RECUSAL';

export const reviewerRefusalMessages: Record<ReviewerRefusal, string> = {
  NOT_IN_LEGAL_UNIT: '审核人员须为法制机构（法制股）的人员',
  FIRST_REVIEW_UNQUALIFIED: '初次从事法制审核的人员须取得法律职业资格（行政处罚法 §58）',
  RECUSAL: '审核人员参与了本案调查，应当回避（行政处罚法 §43）',
};

export interface ReviewerFacts {
  personId: string;
  inLegalUnit: boolean;
  /** Reviews this person has completed before (any result). */
  completedReviews: number;
  holdsLegalProfessionalQualification: boolean;
}

/** 行政处罚法 §58: 初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格. */
export function reviewerRefusal(
  reviewer: ReviewerFacts,
  investigatorIds: readonly string[],
): ReviewerRefusal | null {
  if (mustRecuse(reviewer.personId, investigatorIds)) return 'RECUSAL';
  if (!reviewer.inLegalUnit) return 'NOT_IN_LEGAL_UNIT';
  if (reviewer.completedReviews === 0 && !reviewer.holdsLegalProfessionalQualification) {
    return 'FIRST_REVIEW_UNQUALIFIED';
  }
  return null;
}

/** docs/rules.md "Legal review": within 7 working days of submission, +3 approved [local]; configurable. */
export function reviewDue(
  cal: WorkingCalendar,
  submittedOn: string,
  period: ReviewPeriod,
  extended: boolean,
): DueDate {
  const days = period.workingDays + (extended ? period.extensionWorkingDays : 0);
  return addWorkingDays(cal, submittedOn, days);
}

/** Steps a case must have taken before it can be reviewed (issue 5: investigation report → legal review). */
export const stepsBeforeReview: Readonly<Record<string, { label: string; anyOf: string[]; basis: string }>> =
  {
    filing: { label: '立案', anyOf: ['filing'], basis: '市场监督管理行政处罚程序规定 §19' },
    investigation: {
      label: '调查取证',
      anyOf: ['evidence_collection', 'on_site_inspection', 'interview', 'investigation'],
      basis: '行政处罚法 §54–55',
    },
    investigation_report: {
      label: '案件调查终结报告',
      anyOf: ['investigation_report'],
      basis: '市场监督管理行政处罚程序规定 §52',
    },
  };

/** What a submission lacks: each required step absent from the package, and missing essentials. */
export function missingForSubmission(pkg: ReviewPackage): FieldProblem[] {
  const missing: FieldProblem[] = [];
  // Summary-procedure decisions are made on the spot without review (S-12); the rest follow the full path.
  if (pkg.procedure === 'ordinary' && pkg.kind === 'penalty') {
    for (const [code, req] of Object.entries(stepsBeforeReview)) {
      if (!pkg.steps.some((s) => req.anyOf.includes(s.step))) {
        missing.push({ path: `steps.${code}`, message: `尚未完成“${req.label}”（${req.basis}）` });
      }
    }
  }
  if (pkg.facts.trim() === '') missing.push({ path: 'facts', message: '尚未写明违法事实' });
  if (pkg.proposed.legalBases.length === 0) {
    missing.push({ path: 'proposed.legalBases', message: '尚未写明拟适用的法律依据' });
  }
  if (pkg.proposed.summary.trim() === '') {
    missing.push({ path: 'proposed.summary', message: '尚未写明拟作出的决定' });
  }
  if (pkg.item === null) missing.push({ path: 'item', message: '案件未关联权责清单中的执法事项' });
  return missing;
}

/** The fields whose change after review voids it (S-14): facts, amount, legal basis, party. */
export interface ReviewedFields {
  facts: string;
  itemId: string | null;
  amountFen: number;
  confiscationFen: number;
  measures: readonly string[];
  legalBases: readonly { law: string; article: string }[];
  party: { type: string; name: string; idNumber: string | null };
  /** The sanctions proposed, when the proposal lists them (a term or a kind changed voids the review). */
  sanctions?: readonly CaseSanction[];
}

/** A list of sanctions in one order (by kind), so that equal lists digest equal. */
export const sortedSanctions = (list: readonly CaseSanction[]): CaseSanction[] =>
  [...list].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));

export const reviewedFieldsOf = (pkg: ReviewPackage): ReviewedFields => ({
  facts: pkg.facts,
  itemId: pkg.item?.id ?? null,
  amountFen: pkg.proposed.amountFen,
  confiscationFen: pkg.proposed.confiscationFen,
  measures: [...pkg.proposed.measures].sort(),
  legalBases: pkg.proposed.legalBases.map((b) => ({ law: b.law, article: b.article })),
  party: { type: pkg.party.type, name: pkg.party.name, idNumber: pkg.party.idNumber },
  ...(pkg.proposed.sanctions && pkg.proposed.sanctions.length > 0
    ? { sanctions: sortedSanctions(pkg.proposed.sanctions) }
    : {}),
});

/** A value as JSON with object keys sorted, so equal values compare equal (browser-safe). */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const fieldLabels: Record<keyof ReviewedFields, string> = {
  facts: '违法事实',
  itemId: '执法事项',
  amountFen: '罚款金额',
  confiscationFen: '没收金额',
  measures: '处罚种类',
  legalBases: '法律依据',
  party: '当事人',
  sanctions: '处罚内容',
};

export interface FieldChange {
  field: keyof ReviewedFields;
  label: string;
  before: unknown;
  after: unknown;
}

/** What changed between two reviewed states (the diff a returned case comes back with, S-15). */
export function changedFields(before: ReviewedFields, after: ReviewedFields): FieldChange[] {
  return (Object.keys(fieldLabels) as (keyof ReviewedFields)[])
    .filter((k) => stableJson(before[k]) !== stableJson(after[k]))
    .map((k) => ({ field: k, label: fieldLabels[k], before: before[k], after: after[k] }));
}

/** What else changed in the package: steps, evidence and documents added or gone since last time. */
export function addedAndRemoved(
  before: ReviewPackage,
  after: ReviewPackage,
): {
  steps: { added: string[]; removed: string[] };
  evidence: { added: string[]; removed: string[] };
  documents: { added: string[]; removed: string[] };
} {
  const delta = <T extends { id: string }>(a: readonly T[], b: readonly T[], label: (x: T) => string) => ({
    added: b.filter((x) => !a.some((y) => y.id === x.id)).map(label),
    removed: a.filter((x) => !b.some((y) => y.id === x.id)).map(label),
  });
  return {
    steps: delta(before.steps, after.steps, (s) => `${s.step} ${s.on}`),
    evidence: delta(before.evidence, after.evidence, (e) => e.label),
    documents: delta(before.documents, after.documents, (d) => d.title),
  };
}

/** The catalogue's view of the proposed decision in a package. */
export function decisionFactsOf(pkg: ReviewPackage, outsideBenchmark: boolean): DecisionFacts {
  return {
    kind: pkg.kind,
    field: pkg.field,
    procedure: pkg.procedure,
    partyType: pkg.party.type,
    amountFen: pkg.proposed.amountFen,
    confiscationFen: pkg.proposed.confiscationFen,
    measures: pkg.proposed.measures,
    hearingHeld: pkg.hearing !== null,
    outsideBenchmark,
    socialImpact: pkg.socialImpact,
    complex: pkg.complex,
  };
}

export type GateRefusal = 'no_review' | 'review_open' | 'review_failed' | 'review_void';

export const gateRefusalMessages: Record<GateRefusal, string> = {
  no_review: '重大执法决定未经法制审核，不得作出决定（行政处罚法 §58）',
  review_open: '法制审核尚未完成，不得作出决定（行政处罚法 §58）',
  review_failed: '法制审核未通过，不得作出决定（行政处罚法 §58）',
  review_void: '案件的事实、金额、法律依据或当事人在审核后发生变化，审核已失效，须重新审核',
};

/**
 * The gate (S-14, 行政处罚法 §58): a major decision may be made only with a passed review whose digest
 * equals the case as it is now. `latest` is the case's most recent review, if any.
 */
export function gate(
  major: boolean,
  latest: { status: ReviewStatus; digest: string } | null,
  currentDigest: string,
): GateRefusal | null {
  if (!major) return null;
  if (latest === null) return 'no_review';
  if (openStatuses.has(latest.status)) return 'review_open';
  if (latest.status === 'void') return 'review_void';
  if (!passingStatuses.has(latest.status)) return 'review_failed';
  if (latest.digest !== currentDigest) return 'review_void';
  return null;
}

/** What changed since the previous round (S-15): the reviewed fields, and what was added or removed. */
export interface ReviewDiff {
  previousReviewId: string;
  fields: FieldChange[];
  steps: { added: string[]; removed: string[] };
  evidence: { added: string[]; removed: string[] };
  documents: { added: string[]; removed: string[] };
}

export function reviewDiff(
  previousReviewId: string,
  before: ReviewPackage,
  after: ReviewPackage,
): ReviewDiff {
  return {
    previousReviewId,
    fields: changedFields(reviewedFieldsOf(before), reviewedFieldsOf(after)),
    ...addedAndRemoved(before, after),
  };
}
