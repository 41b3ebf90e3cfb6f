/**
 * The review catalogue (法制审核目录, S-12): which decisions are major and so need legal review before they
 * are made (行政处罚法 §58). Declarative: a catalogue is a list of rules, each a conjunction of conditions
 * over the facts of the proposed decision; a decision is major when any rule holds. Catalogues are
 * versioned and approved by the county (the service stores each version with its approval); this module is
 * pure: facts and a catalogue in, the answer and the rules that gave it out.
 */
import { isNaturalPerson, type PartyType } from '../cases/party.rules.ts';
import type { ProposedSanction, SanctionKind } from '../cases/hearing-right.rules.ts';
import type { ActionKind } from '../powers/action-kinds.ts';

export type Procedure = 'summary' | 'ordinary';
export type { PartyType };
/**
 * The two classes of party the amounts name (公民 / 法人或者其他组织, 行政处罚法 §51, §63): a 个体工商户 is a
 * natural person (民法典 §54), as local catalogues group "自然人或个体工商户".
 */
export type PartyClass = 'person' | 'organisation';
export const partyClassOf = (type: PartyType): PartyClass =>
  isNaturalPerson(type) ? 'person' : 'organisation';

/** Kinds of penalty and measure (行政处罚法 §9), the ones catalogues name. */
export const measureLabels = {
  warning: '警告、通报批评',
  fine: '罚款',
  confiscation: '没收违法所得、没收非法财物',
  suspension: '暂扣许可证件、责令停产停业、责令关闭',
  licence_revocation: '吊销许可证件、降低资质等级',
  restriction: '限制开展生产经营活动、限制从业',
  coercive_measure: '查封、扣押等行政强制措施',
  other: '其他',
} as const;
export type Measure = keyof typeof measureLabels;
export const measures = Object.keys(measureLabels) as [Measure, ...Measure[]];

/** What the catalogue looks at in a proposed decision. Money in integer fen. */
export interface DecisionFacts {
  kind: ActionKind;
  /** The enforcement field (certificate.rules.ts codes), when the case names one. */
  field: string | null;
  procedure: Procedure;
  partyType: PartyType;
  /** The fine proposed. */
  amountFen: number;
  /** The value of what is to be confiscated (illegal gains and property). */
  confiscationFen: number;
  measures: readonly Measure[];
  /** A hearing was held (行政处罚法 §58 (二): heard in a hearing). */
  hearingHeld: boolean;
  /** The proposed amount lies outside the item's discretion benchmark (issue 5 item 7). */
  outsideBenchmark: boolean;
  /** The case touches a major public interest or has social impact (§58 (一)). */
  socialImpact: boolean;
  /** Complex: several legal relations (§58 (三)). */
  complex: boolean;
}

export type Condition =
  | { type: 'procedure'; procedures: Procedure[] }
  | { type: 'action_kind'; kinds: ActionKind[] }
  | { type: 'field'; fields: string[] }
  | { type: 'amount_at_least'; partyType: PartyClass; fen: number }
  | { type: 'confiscation_at_least'; fen: number }
  | { type: 'measure'; measures: Measure[] }
  | { type: 'hearing_held' }
  | { type: 'outside_benchmark' }
  | { type: 'social_impact' }
  | { type: 'complex' };

export type ConditionType = Condition['type'];

export interface CatalogueRule {
  /** A stable code, e.g. `statutory_hearing`. */
  code: string;
  label: string;
  /** The rule or document it comes from, cited as users see it. */
  basis: string;
  /** Every condition must hold (an empty list never matches). */
  when: Condition[];
}

/** How long a review may take (docs/rules.md "Legal review": 7 working days, +3 approved [local]). */
export interface ReviewPeriod {
  workingDays: number;
  extensionWorkingDays: number;
}

export interface Catalogue {
  rules: CatalogueRule[];
  period: ReviewPeriod;
}

const S58 = '行政处罚法 §58';
const LOCAL = '地方法制审核目录（参考）';

/** The statutory categories (§58 (一)–(三)): every catalogue keeps them; a locality only adds. */
export const statutoryRules: readonly CatalogueRule[] = [
  {
    code: 'statutory_public_interest',
    label: '涉及重大公共利益（社会影响）',
    basis: `${S58}（一）`,
    when: [{ type: 'social_impact' }],
  },
  {
    code: 'statutory_hearing',
    label: '直接关系当事人或第三人重大权益，经过听证程序',
    basis: `${S58}（二）`,
    when: [{ type: 'hearing_held' }],
  },
  {
    code: 'statutory_complex',
    label: '案件情况疑难复杂、涉及多个法律关系',
    basis: `${S58}（三）`,
    when: [{ type: 'complex' }],
  },
];

/**
 * The default catalogue: the seed extends review to every decision outside the summary procedure (S-12),
 * and keeps the usual local thresholds as named reasons (docs/rules.md "Legal review" [local]) so a locality
 * that narrows the first rule still has them.
 */
export const defaultCatalogue: Catalogue = {
  rules: [
    {
      code: 'every_ordinary_decision',
      label: '除简易程序外的全部执法决定',
      basis: '本地要求 S-12（普通程序决定一律法制审核）',
      when: [{ type: 'procedure', procedures: ['ordinary'] }],
    },
    ...statutoryRules,
    {
      code: 'large_fine_person',
      label: '对公民罚款 2 万元以上',
      basis: LOCAL,
      when: [{ type: 'amount_at_least', partyType: 'person', fen: 2_000_000 }],
    },
    {
      code: 'large_fine_organisation',
      label: '对法人或其他组织罚款 5 万元以上',
      basis: LOCAL,
      when: [{ type: 'amount_at_least', partyType: 'organisation', fen: 5_000_000 }],
    },
    {
      code: 'large_confiscation',
      label: '没收违法所得、非法财物价值 5 万元以上',
      basis: LOCAL,
      when: [{ type: 'confiscation_at_least', fen: 5_000_000 }],
    },
    {
      code: 'suspension_or_revocation',
      label: '责令停产停业、暂扣或吊销许可证件',
      basis: LOCAL,
      when: [{ type: 'measure', measures: ['suspension', 'licence_revocation'] }],
    },
    {
      code: 'outside_benchmark',
      label: '超出裁量基准作出处罚',
      basis: `${LOCAL}；行政处罚法 §34`,
      when: [{ type: 'outside_benchmark' }],
    },
  ],
  period: { workingDays: 10, extensionWorkingDays: 3 },
};

function holds(c: Condition, f: DecisionFacts): boolean {
  switch (c.type) {
    case 'procedure':
      return c.procedures.includes(f.procedure);
    case 'action_kind':
      return c.kinds.includes(f.kind);
    case 'field':
      return f.field !== null && c.fields.includes(f.field);
    case 'amount_at_least':
      return partyClassOf(f.partyType) === c.partyType && f.amountFen >= c.fen;
    case 'confiscation_at_least':
      return f.confiscationFen >= c.fen;
    case 'measure':
      return f.measures.some((m) => c.measures.includes(m));
    case 'hearing_held':
      return f.hearingHeld;
    case 'outside_benchmark':
      return f.outsideBenchmark;
    case 'social_impact':
      return f.socialImpact;
    case 'complex':
      return f.complex;
  }
}

export interface MajorReason {
  code: string;
  label: string;
  basis: string;
}

export interface Majority {
  major: boolean;
  reasons: MajorReason[];
}

/** 行政处罚法 §58: a decision is major when any rule of the catalogue in force holds for it. */
export function classify(catalogue: Catalogue, facts: DecisionFacts): Majority {
  const reasons = catalogue.rules
    .filter((r) => r.when.length > 0 && r.when.every((c) => holds(c, facts)))
    .map(({ code, label, basis }) => ({ code, label, basis }));
  return { major: reasons.length > 0, reasons };
}

export interface CatalogueProblem {
  path: string;
  message: string;
}

const sameCondition = (a: Condition, b: Condition): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * What is wrong with a catalogue: duplicate codes, rules that can never match, and — the floor — a
 * statutory category of §58 dropped (a locality may add to the law's list, never take from it).
 */
export function catalogueProblems(catalogue: Catalogue): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const seen = new Set<string>();
  catalogue.rules.forEach((rule, i) => {
    if (seen.has(rule.code))
      problems.push({ path: `rules.${i}.code`, message: `规则代码 ${rule.code} 重复` });
    seen.add(rule.code);
    if (rule.when.length === 0) problems.push({ path: `rules.${i}.when`, message: '规则至少要有一个条件' });
    rule.when.forEach((c, j) => {
      const empty =
        (c.type === 'procedure' && c.procedures.length === 0) ||
        (c.type === 'action_kind' && c.kinds.length === 0) ||
        (c.type === 'field' && c.fields.length === 0) ||
        (c.type === 'measure' && c.measures.length === 0);
      if (empty) problems.push({ path: `rules.${i}.when.${j}`, message: '条件的取值不能为空' });
    });
  });
  for (const floor of statutoryRules) {
    // §58 (一)–(三): some rule must match on the statutory condition alone.
    const kept = catalogue.rules.some(
      (r) => r.when.length === 1 && r.when[0] !== undefined && sameCondition(r.when[0], floor.when[0]!),
    );
    if (!kept) {
      problems.push({ path: 'rules', message: `不能删除法定情形“${floor.label}”（${floor.basis}）` });
    }
  }
  const { workingDays, extensionWorkingDays } = catalogue.period;
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 30) {
    problems.push({ path: 'period.workingDays', message: '审核期限应为 1–30 个工作日' });
  }
  if (!Number.isInteger(extensionWorkingDays) || extensionWorkingDays < 0 || extensionWorkingDays > 30) {
    problems.push({ path: 'period.extensionWorkingDays', message: '延长期限应为 0–30 个工作日' });
  }
  return problems;
}

/**
 * The catalogue's measure of each sanction kind of 行政处罚法 §9 (issue 12 item 3: the sanctions drive the
 * catalogue): the classes local catalogues name (measureLabels).
 */
export const measureOfSanction: Readonly<Record<SanctionKind, Measure>> = {
  warning: 'warning',
  circulated_criticism: 'warning',
  fine: 'fine',
  confiscation: 'confiscation',
  licence_suspension: 'suspension',
  suspension_of_business: 'suspension',
  closure: 'suspension',
  licence_revocation: 'licence_revocation',
  qualification_downgrade: 'licence_revocation',
  production_restriction: 'restriction',
  employment_restriction: 'restriction',
  other: 'other',
};

/**
 * What a list of sanctions gives the catalogue: its measures (in catalogue order, each once), the fine and
 * the value confiscated, in fen. `alsoMeasures` keeps measures that are not sanctions (查封、扣押).
 */
export function sanctionFacts(
  list: readonly ProposedSanction[],
  alsoMeasures: readonly Measure[] = [],
): { measures: Measure[]; amountFen: number; confiscationFen: number } {
  const named = new Set<Measure>([
    ...list.map((s) => measureOfSanction[s.kind]),
    ...alsoMeasures.filter((m) => m === 'coercive_measure'),
  ]);
  const sum = (kind: SanctionKind) =>
    list.reduce((total, s) => total + (s.kind === kind ? (s.amountFen ?? 0) : 0), 0);
  return {
    measures: measures.filter((m) => named.has(m)),
    amountFen: sum('fine'),
    confiscationFen: sum('confiscation'),
  };
}
