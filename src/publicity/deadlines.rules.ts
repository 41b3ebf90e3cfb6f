/**
 * When a decision must be published and withdrawn, how long it stays public, and when publicity may end
 * early. Every number is a default an agency may change (docs/rules.md: the national rule is the floor, a local
 * rule a configuration over it); working days are counted on the calendar (platform/calendar).
 */
import {
  addMonths,
  addWorkingDays,
  addYears,
  type DueDate,
  type WorkingCalendar,
} from '../platform/calendar/working-days.rules.ts';

export { deadlineStatus, type DeadlineStatus } from '../platform/calendar/working-days.rules.ts';

/** The six kinds of action (GLOSSARY). */
export type ActionKind = 'licensing' | 'penalty' | 'coercion' | 'levy' | 'fee' | 'inspection';

export interface PublicityDeadlineConfig {
  /** Working days from the decision to its publication, per kind of action. */
  publishWithin: Record<ActionKind, number>;
  /** Working days from a change, revocation or finding of illegality to the withdrawal. */
  withdrawWithin: number;
  /** Province's ceiling for a "low fine" (公示规定 §13), in fen, inclusive; null: no fine counts as low. */
  lowFineMaxFen: { naturalPerson: number | null; organisation: number | null };
  /**
   * Months of publicity before an early end may be asked for (信用修复管理办法 §6: 6 months); null: none. A
   * province may set a longer one; 0 or null lifts the wait, which only a local rule can justify.
   */
  earlyEndAfterMonths: number | null;
  /** The same in the food, drugs and special-equipment fields (信用修复管理办法 §6: 12 months). */
  earlyEndAfterMonthsStrictFields: number;
}

/** Fields where publicity runs a year before an early end (信用修复管理办法 §6). */
export const strictEarlyEndFields: ReadonlySet<string> = new Set(['food', 'drugs', 'special_equipment']);

export const defaultPublicityDeadlines: PublicityDeadlineConfig = {
  // 118号 / State Council briefing 2019-01-04 [report]: licensing and penalty decisions within 7 working
  // days, other decisions within 20. Stricter than 公示规定 §9 (20 working days), so it satisfies both.
  publishWithin: { licensing: 7, penalty: 7, coercion: 20, levy: 20, fee: 20, inspection: 20 },
  withdrawWithin: 3, // 行政处罚法 §48; 公示规定 §11: withdrawn within 3 working days
  lowFineMaxFen: { naturalPerson: null, organisation: null },
  earlyEndAfterMonths: 6, // 信用修复管理办法 §6
  earlyEndAfterMonthsStrictFields: 12, // 信用修复管理办法 §6: food, drugs, special equipment
};

/**
 * What an agency must set itself before its publicity periods are right: the low-fine amounts of 公示规定 §13,
 * which each province fixes (e.g. 湖北: under 10,000 yuan for a person, 100,000 for an organisation) and for
 * which no national default exists. Unset, every fine counts as heavy and is public for 3 years.
 */
export function missingPublicitySettings(config: PublicityDeadlineConfig): string[] {
  const missing: string[] = [];
  if (config.lowFineMaxFen.naturalPerson === null) missing.push('lowFineMaxFen.naturalPerson');
  if (config.lowFineMaxFen.organisation === null) missing.push('lowFineMaxFen.organisation');
  return missing;
}

/** The last day to publish a decision: n working days after the decision date. */
export function publicationDue(
  cal: WorkingCalendar,
  kind: ActionKind,
  decidedOn: string,
  config: PublicityDeadlineConfig = defaultPublicityDeadlines,
): DueDate {
  return addWorkingDays(cal, decidedOn, config.publishWithin[kind]); // 118号; 公示规定 §9
}

/** The last day to withdraw a publication after the decision is changed, revoked, or found illegal or void. */
export function withdrawalDue(
  cal: WorkingCalendar,
  occurredOn: string,
  config: PublicityDeadlineConfig = defaultPublicityDeadlines,
): DueDate {
  return addWorkingDays(cal, occurredOn, config.withdrawWithin); // 行政处罚法 §48; 公示规定 §11
}

/** The sanctions of 行政处罚法 §9, as far as publicity periods and early ends tell them apart. */
export type Sanction =
  | { kind: 'warning' }
  | { kind: 'circulated_criticism' }
  | { kind: 'fine'; amountFen: number }
  | { kind: 'confiscation' }
  | { kind: 'licence_suspension' }
  | { kind: 'qualification_downgrade' }
  | { kind: 'licence_revocation' }
  | { kind: 'business_suspension' }
  | { kind: 'closure' }
  /** 限制开展生产经营活动 / 限制从业: `until` its last day (none when lifelong or not yet known). */
  | { kind: 'production_restriction' | 'practice_ban'; until?: string; lifelong?: boolean }
  | { kind: 'other' };

export type PartyKind = 'natural_person' | 'organisation';

export interface PublicityPeriod {
  /** The last day the item is public; null while it must stay public without end (a lifelong ban). */
  endsOn: string | null;
  rule: 'three_months' | 'three_years' | 'restriction_length';
  basis: string;
}

function isLowFine(s: Sanction, party: PartyKind, config: PublicityDeadlineConfig): boolean {
  const max =
    party === 'natural_person' ? config.lowFineMaxFen.naturalPerson : config.lowFineMaxFen.organisation;
  return s.kind === 'fine' && max !== null && s.amountFen <= max;
}

/** 公示规定 §13: only a circulated criticism or a low fine (warnings aside) is public for 3 months. */
export function isThreeMonthItem(
  sanctions: readonly Sanction[],
  party: PartyKind,
  config: PublicityDeadlineConfig = defaultPublicityDeadlines,
): boolean {
  const light = (s: Sanction) => s.kind === 'circulated_criticism' || isLowFine(s, party, config);
  return sanctions.some(light) && sanctions.every((s) => light(s) || s.kind === 'warning');
}

/** How long a published penalty stays public, from its publication date (公示规定 §13). */
export function publicityPeriod(
  sanctions: readonly Sanction[],
  party: PartyKind,
  publishedOn: string,
  config: PublicityDeadlineConfig = defaultPublicityDeadlines,
): PublicityPeriod {
  if (isThreeMonthItem(sanctions, party, config))
    return {
      endsOn: addMonths(publishedOn, 3),
      rule: 'three_months',
      basis: '市场监督管理行政处罚信息公示规定 §13',
    };
  const threeYears = addYears(publishedOn, 3); // 公示规定 §13: otherwise 3 years
  let longest: string | null = threeYears;
  for (const s of sanctions) {
    if (s.kind !== 'production_restriction' && s.kind !== 'practice_ban') continue;
    // 公示规定 §13: a restriction longer than 3 years keeps the item public for its length
    if (s.lifelong) longest = null;
    else if (s.until !== undefined && longest !== null && s.until > longest) longest = s.until;
  }
  if (longest === threeYears)
    return { endsOn: threeYears, rule: 'three_years', basis: '市场监督管理行政处罚信息公示规定 §13' };
  return { endsOn: longest, rule: 'restriction_length', basis: '市场监督管理行政处罚信息公示规定 §13' };
}

/** Is the item still public on this day? It leaves public view the day after its last day. */
export function isPublicOn(period: PublicityPeriod, date: string): boolean {
  return period.endsOn === null || date <= period.endsOn;
}

/** What the party states and the agency checks when asking to end publicity early (公示规定 §14). */
export interface EarlyEndFacts {
  sanctions: readonly Sanction[];
  party: PartyKind;
  /** The enforcement field of the case (certificate.rules.ts codes); null when the item has no case. */
  field: string | null;
  publishedOn: string;
  requestedOn: string;
  obligationsFulfilled: boolean;
  harmRemoved: boolean;
  penalisedAgainForSameKind: boolean;
  onAbnormalOrSeriousViolationList: boolean;
}

export type EarlyEndUnmet =
  | 'SHORT_PERIOD_EXCLUDES_EARLY_END'
  | 'SANCTION_EXCLUDES_EARLY_END'
  | 'MINIMUM_PERIOD_NOT_REACHED'
  | 'OBLIGATIONS_NOT_FULFILLED'
  | 'HARM_NOT_REMOVED'
  | 'PENALISED_AGAIN'
  | 'ON_ABNORMAL_OR_SERIOUS_LIST';

export const earlyEndUnmetMessages: Record<EarlyEndUnmet, string> = {
  SHORT_PERIOD_EXCLUDES_EARLY_END:
    '公示期为三个月的处罚信息（通报批评、较低数额罚款）不得提前停止公示，期满自动停止',
  SANCTION_EXCLUDES_EARLY_END:
    '受到责令停产停业、限制开展生产经营活动、限制从业、降低资质等级或吊销许可证件等处罚的，不得提前停止公示',
  MINIMUM_PERIOD_NOT_REACHED: '公示尚未满规定期限（一般满六个月，食品、药品、特种设备领域满一年）',
  OBLIGATIONS_NOT_FULFILLED: '尚未自觉履行行政处罚决定中规定的义务',
  HARM_NOT_REMOVED: '尚未主动消除危害后果和不良影响',
  PENALISED_AGAIN: '因同一类违法行为再次受到市场监督管理部门行政处罚',
  ON_ABNORMAL_OR_SERIOUS_LIST: '被列入经营异常名录或严重违法失信名单',
};

// 公示规定 §14; 信用修复管理办法 §6: never early for suspension of business, restrictions, bans, downgrades,
// revocations.
const NO_EARLY_END: ReadonlySet<Sanction['kind']> = new Set([
  'business_suspension',
  'production_restriction',
  'practice_ban',
  'qualification_downgrade',
  'licence_revocation',
]);

/** Why an item can never end early, or null when it may once its time has come. */
function earlyEndExcluded(
  sanctions: readonly Sanction[],
  party: PartyKind,
  config: PublicityDeadlineConfig,
): EarlyEndUnmet | null {
  if (sanctions.some((s) => NO_EARLY_END.has(s.kind))) return 'SANCTION_EXCLUDES_EARLY_END';
  // 信用修复管理办法 §6: the 3-month items of 公示规定 §13 simply run out
  if (isThreeMonthItem(sanctions, party, config)) return 'SHORT_PERIOD_EXCLUDES_EARLY_END';
  return null;
}

/**
 * The first day an early end may be asked for (信用修复管理办法 §6: 6 months after publication, 12 in the
 * food, drugs and special-equipment fields), or null where it is never allowed.
 */
export function earlyEndFrom(
  facts: Pick<EarlyEndFacts, 'sanctions' | 'party' | 'field' | 'publishedOn'>,
  config: PublicityDeadlineConfig = defaultPublicityDeadlines,
): string | null {
  if (earlyEndExcluded(facts.sanctions, facts.party, config)) return null;
  const strict = facts.field !== null && strictEarlyEndFields.has(facts.field);
  const months = strict ? config.earlyEndAfterMonthsStrictFields : config.earlyEndAfterMonths;
  return addMonths(facts.publishedOn, months ?? 0);
}

/** The conditions of an early end not met; empty when publicity may end early (公示规定 §14). */
export function earlyEndUnmet(
  facts: EarlyEndFacts,
  config: PublicityDeadlineConfig = defaultPublicityDeadlines,
): EarlyEndUnmet[] {
  const unmet: EarlyEndUnmet[] = [];
  const excluded = earlyEndExcluded(facts.sanctions, facts.party, config);
  if (excluded) unmet.push(excluded);
  const from = earlyEndFrom(facts, config);
  if (from !== null && facts.requestedOn < from) unmet.push('MINIMUM_PERIOD_NOT_REACHED'); // 信用修复管理办法 §6
  if (!facts.obligationsFulfilled) unmet.push('OBLIGATIONS_NOT_FULFILLED'); // §14 (一)
  if (!facts.harmRemoved) unmet.push('HARM_NOT_REMOVED'); // §14 (二)
  if (facts.penalisedAgainForSameKind) unmet.push('PENALISED_AGAIN'); // §14 (三)
  if (facts.onAbnormalOrSeriousViolationList) unmet.push('ON_ABNORMAL_OR_SERIOUS_LIST'); // §14 (四)
  return unmet;
}
