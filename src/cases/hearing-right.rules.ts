/**
 * The party's right to a hearing (行政处罚法 §63; 市场监督管理行政处罚听证办法 §5): before a heavier
 * penalty the notice must tell the party of the right, and a request within five working days (§64) is
 * granted. Which fines and confiscations are "of a larger amount" a province may set; the defaults are the
 * SAMR's (听证办法 §5 (三): 10,000 yuan for a natural person, 100,000 for an organisation), held as agency
 * settings (docs/rules.md "Hearing right"). Pure.
 */
import { isNaturalPerson, type PartyType } from './party.rules.ts';

/** The kinds of 行政处罚法 §9 as the API and the documents name them. */
export type SanctionKind =
  | 'warning'
  | 'circulated_criticism'
  | 'fine'
  | 'confiscation'
  | 'licence_suspension'
  | 'qualification_downgrade'
  | 'licence_revocation'
  | 'suspension_of_business'
  | 'closure'
  | 'production_restriction'
  | 'employment_restriction'
  | 'other';

export const sanctionKinds = [
  'warning',
  'circulated_criticism',
  'fine',
  'confiscation',
  'licence_suspension',
  'qualification_downgrade',
  'licence_revocation',
  'suspension_of_business',
  'closure',
  'production_restriction',
  'employment_restriction',
  'other',
] as const satisfies readonly SanctionKind[];

export const sanctionKindLabels: Readonly<Record<SanctionKind, string>> = {
  warning: '警告',
  circulated_criticism: '通报批评',
  fine: '罚款',
  confiscation: '没收违法所得、没收非法财物',
  licence_suspension: '暂扣许可证件',
  qualification_downgrade: '降低资质等级',
  licence_revocation: '吊销许可证件',
  suspension_of_business: '责令停产停业',
  closure: '责令关闭',
  production_restriction: '限制开展生产经营活动',
  employment_restriction: '限制从业',
  other: '法律、行政法规规定的其他行政处罚',
};

/** The length of a sanction that lasts (暂扣, 停产停业, 限制开展生产经营活动, 限制从业). */
export interface SanctionTerm {
  value: number;
  unit: 'day' | 'month' | 'year';
}

export interface ProposedSanction {
  kind: SanctionKind;
  /** Fines: the amount; confiscations: the value of what is confiscated. */
  amountFen?: number;
  /** Kinds that last (sanctions.rules.ts `termKinds`): for how long. */
  term?: SanctionTerm;
  /** 限制从业 for life where a law sets it (e.g. 食品安全法 §135 ¶2). */
  lifelong?: boolean;
}

export interface HearingThresholds {
  /** "较大数额" for a natural person (incl. 个体工商户), in fen, inclusive. */
  naturalPersonFen: number;
  /** The same for a legal person or other organisation. */
  organisationFen: number;
}

/** 听证办法 §6: 一万元 for a natural person, 十万元 for an organisation; a province may set other amounts. */
export const defaultHearingThresholds: HearingThresholds = {
  naturalPersonFen: 10_000_00,
  organisationFen: 100_000_00,
};

/** Sanctions that carry the hearing right whatever their amount (行政处罚法 §63 (三)(四); 听证办法 §5). */
const ALWAYS_HEARD: ReadonlySet<SanctionKind> = new Set([
  'qualification_downgrade',
  'licence_revocation',
  'suspension_of_business',
  'closure',
  'employment_restriction',
  'production_restriction',
]);

export interface HearingRight {
  hearingRight: boolean;
  /** One line per sanction that gives the right, with its article. */
  grounds: string[];
  basis: string;
}

const yuan = (fen: number): string => (fen / 100).toLocaleString('zh-CN');

/** Does the party have the right to ask for a hearing before these sanctions? */
export function hearingRight(
  party: PartyType,
  sanctions: readonly ProposedSanction[],
  thresholds: HearingThresholds = defaultHearingThresholds,
): HearingRight {
  const natural = isNaturalPerson(party);
  const threshold = natural ? thresholds.naturalPersonFen : thresholds.organisationFen;
  const grounds: string[] = [];
  for (const s of sanctions) {
    if (ALWAYS_HEARD.has(s.kind)) {
      grounds.push(`${sanctionKindLabels[s.kind]}（行政处罚法 §63）`);
    } else if ((s.kind === 'fine' || s.kind === 'confiscation') && (s.amountFen ?? 0) >= threshold) {
      const what = s.kind === 'fine' ? '较大数额罚款' : '没收较大数额违法所得或较大价值非法财物';
      grounds.push(
        `${what}：${yuan(s.amountFen ?? 0)} 元，达到${natural ? '自然人' : '法人或者其他组织'} ${yuan(threshold)} 元的标准（行政处罚法 §63；听证办法 §6）`,
      );
    }
  }
  return {
    hearingRight: grounds.length > 0,
    grounds,
    basis: '行政处罚法 §63、§64；市场监督管理行政处罚听证办法 §5、§6',
  };
}
