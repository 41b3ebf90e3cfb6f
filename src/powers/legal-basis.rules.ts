/**
 * Which provision applies to an act (行政处罚法 §37): the law in force when the act was done (从旧); but where,
 * when the decision is made, that law has been amended or repealed and the new provision punishes less or no
 * longer at all, the new one (兼从轻). Whether a new provision is lighter is the power list publisher's
 * finding, recorded on the new provision (`supersedes`, `lighter`); the legal review checks it. Pure.
 */

export interface DatedBasis {
  law: string;
  article: string;
  inForceFrom: string;
  inForceTo: string | null;
  supersedes?: { law: string; article: string } | null;
  lighter?: boolean;
}

export interface BasisRef {
  law: string;
  article: string;
}

export type BasisApplicability =
  /** In force on the day of the act, and not replaced by a lighter provision in force at the decision. */
  | { verdict: 'in_force_at_act' }
  /** A newer, lighter provision in force at the decision replaced the one in force at the act (§37 但书). */
  | { verdict: 'lighter_new_law'; replaced: BasisRef }
  /** In force at the act, but a lighter provision replaced it by the decision: that one must be applied. */
  | { verdict: 'lighter_new_law_ignored'; replacement: BasisRef }
  /** Newer, in force at the decision, but not lighter: the act is judged by the old provision. */
  | { verdict: 'new_law_not_lighter'; replaced: BasisRef | null }
  | { verdict: 'not_in_force' }
  | { verdict: 'unknown' };

const inForceOn = (b: DatedBasis, day: string) =>
  b.inForceFrom <= day && (b.inForceTo === null || b.inForceTo >= day);
const same = (a: BasisRef, b: BasisRef) => a.law === b.law && a.article === b.article;
export const basisName = (b: BasisRef) => `《${b.law}》${b.article}`;

/** How the cited provision stands under §37, among the item's provisions, for an act and a decision date. */
export function applicabilityOf(
  cited: BasisRef,
  known: readonly DatedBasis[],
  actOn: string,
  decisionOn: string,
): BasisApplicability {
  const basis = known.find((b) => same(b, cited));
  if (!basis) return { verdict: 'unknown' };
  if (inForceOn(basis, actOn)) {
    // 从旧, unless the provision no longer stands at the decision and a lighter one took its place
    const replacement = known.find(
      (b) => b.lighter === true && b.supersedes && same(b.supersedes, cited) && inForceOn(b, decisionOn),
    );
    if (replacement && !inForceOn(basis, decisionOn)) {
      return {
        verdict: 'lighter_new_law_ignored',
        replacement: { law: replacement.law, article: replacement.article },
      };
    }
    return { verdict: 'in_force_at_act' };
  }
  if (!inForceOn(basis, decisionOn) || basis.inForceFrom <= actOn) return { verdict: 'not_in_force' };
  // In force at the decision only: lawful when it replaced the provision in force at the act and is lighter
  const replaced = basis.supersedes
    ? (known.find((b) => same(b, basis.supersedes!) && inForceOn(b, actOn)) ?? null)
    : null;
  if (replaced && basis.lighter === true) {
    return { verdict: 'lighter_new_law', replaced: { law: replaced.law, article: replaced.article } };
  }
  return {
    verdict: 'new_law_not_lighter',
    replaced: replaced && { law: replaced.law, article: replaced.article },
  };
}

/** Stored provisions written before `supersedes` and `lighter` existed read as neither. */
export function withBasisDefaults<T extends DatedBasis>(
  bases: readonly T[],
): (T & Required<Pick<DatedBasis, 'supersedes' | 'lighter'>>)[] {
  return bases.map((b) => ({ ...b, supersedes: b.supersedes ?? null, lighter: b.lighter ?? false }));
}
