import type { Exclusion, ExclusionReason } from './excluded-time.rules.ts';

/**
 * The rules of a licensing case beyond its lifecycle (lifecycles/licensing.ts): what an application becomes
 * when the agency does not answer it in time (行政许可法 §32), which time does not run in the decision period
 * (§45), and who may chair a licensing hearing (§48). Pure.
 */

/**
 * 行政许可法 §45: 依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在期限内，
 * and the applicant is told the time in writing. Only these kinds of time are excluded from the licensing
 * decision period; a suspension for any other reason is not (legal audit E7).
 */
export const licensingExclusionKinds = [
  'hearing',
  'tender',
  'auction',
  'inspection',
  'testing',
  'quarantine',
  'appraisal',
  'expert_review',
] as const;
export type LicensingExclusionKind = (typeof licensingExclusionKinds)[number];

export const licensingExclusionLabels: Readonly<Record<LicensingExclusionKind, string>> = {
  hearing: '听证',
  tender: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
};

/** A span of excluded time, both ends included, with the day the applicant was told of it in writing. */
export interface LicensingExclusion {
  kind: LicensingExclusionKind;
  from: string;
  to: string;
  /** §45 ¶2: 行政机关应当将所需时间书面告知申请人. */
  notifiedOn: string | null;
}

/** The exclusion reason (excluded-time.rules.ts) each kind of §45 time is counted out as. */
export const exclusionOfLicensingKind: Readonly<Record<LicensingExclusionKind, ExclusionReason>> = {
  hearing: 'hearing',
  tender: 'expert_review',
  auction: 'expert_review',
  inspection: 'testing',
  testing: 'testing',
  quarantine: 'testing',
  appraisal: 'testing',
  expert_review: 'expert_review',
};

/** The §45 time of a licensing case as exclusions of its decision period. */
export function licensingExclusionsOf(exclusions: readonly LicensingExclusion[]): Exclusion[] {
  return exclusions
    .filter((e) => licensingExclusionKinds.includes(e.kind) && e.from <= e.to)
    .map((e) => ({ from: e.from, to: e.to, reason: exclusionOfLicensingKind[e.kind] }));
}

/**
 * The hearing's time excluded from the decision period (§45): from the day the applicant asked for it
 * (§47) or the agency announced it (§46) to the day it was held, both included.
 */
export function hearingExclusion(startedOn: string, heldOn: string): LicensingExclusion {
  return { kind: 'hearing', from: startedOn, to: heldOn, notifiedOn: startedOn };
}

/** The reason recorded with a deemed acceptance (行政许可法 §32 ¶1 (四)). */
export const deemedAcceptanceReason = '逾期未告知补正，自收到申请材料之日起即为受理';

/** What the agency does with an application on receipt (§32 ¶1): the steps that meet the 5-day period. */
export type ReceiptAnswer = 'accept' | 'refuse_acceptance' | 'request_completion';

export type ReceiptCheck =
  | { kind: 'in_time' }
  /** §32 ¶1 (四): the notice was not given in 5 days, so the application counts as accepted on receipt. */
  | { kind: 'deemed_accepted'; acceptedOn: string; reason: string }
  | { kind: 'refused'; message: string };

/**
 * An answer to an application on `on`, received on `receivedOn` with the 5-working-day period ending
 * `dueOn` (行政许可法 §32 ¶1 (四), §82): in time; or, past it, the application already counts as accepted
 * on the day it was received — an acceptance is recorded as of that day, and a completion notice or a
 * refusal to accept comes too late (the application must now be decided, §38).
 */
export function receiptCheck(
  answer: ReceiptAnswer,
  receivedOn: string,
  dueOn: string,
  on: string,
): ReceiptCheck {
  if (on <= dueOn) return { kind: 'in_time' };
  if (answer === 'accept')
    return { kind: 'deemed_accepted', acceptedOn: receivedOn, reason: deemedAcceptanceReason };
  const what = answer === 'request_completion' ? '告知补正' : '作出不予受理决定';
  return {
    kind: 'refused',
    message: `收到申请材料（${receivedOn}）后五个工作日（至 ${dueOn}）内未告知补正，自收到申请材料之日起即为受理（行政许可法 §32 ¶1（四）），不能再${what}；请办理受理，并依法作出许可决定`,
  };
}

export interface HearingChairFacts {
  chairId: string | null;
  /** The staff who reviewed the application: the case's officers (§48 ¶1 (三)). */
  reviewerIds: readonly string[];
  hearingOn: string;
  /** The earliest day the hearing may be held after its notice, or null when no notice day was given. */
  earliestHearingOn: string | null;
  /** §48 ¶1 (五): the record signed or sealed by the participants. */
  recordSigned: boolean;
}

/** What is wrong with a licensing hearing (行政许可法 §48), each with its field. */
export function licensingHearingProblems(f: HearingChairFacts): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  // §48 ¶1 (三): 听证由行政机关指定审查该行政许可申请的工作人员以外的人员主持
  if (f.chairId === null) problems.push({ path: 'body.hearingChairId', message: '须指定听证主持人' });
  else if (f.reviewerIds.includes(f.chairId)) {
    problems.push({
      path: 'body.hearingChairId',
      message: '听证主持人不得是审查该行政许可申请的工作人员（行政许可法 §48）',
    });
  }
  // §48 ¶1 (一), §82: 举行听证的七日前将时间、地点通知申请人、利害关系人，必要时予以公告
  if (f.earliestHearingOn === null) {
    problems.push({ path: 'body.hearingNotifiedOn', message: '须填写听证通知（公告）日期' });
  } else if (f.hearingOn < f.earliestHearingOn) {
    problems.push({
      path: 'body.hearingNotifiedOn',
      message: `听证须在通知七个工作日后举行，最早 ${f.earliestHearingOn}（行政许可法 §48、§82）`,
    });
  }
  // §48 ¶1 (五): 听证笔录交听证参加人确认无误后签字或者盖章
  if (!f.recordSigned) {
    problems.push({
      path: 'body.hearingRecordSigned',
      message: '听证笔录须经听证参加人确认无误后签字或者盖章（行政许可法 §48）',
    });
  }
  return problems;
}
