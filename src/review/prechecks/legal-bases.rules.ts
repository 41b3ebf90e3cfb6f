import { applicabilityOf, basisName } from '../../powers/legal-basis.rules.ts';
import type { ReviewPackage } from '../package.ts';
import type { PrecheckContext, PrecheckResult } from './precheck.ts';

/**
 * Every cited article is one of the item's legal bases and applies to the act (行政处罚法 §4: 依据法律、法规、
 * 规章; §37: the law in force when the act was done, unless by the decision it was amended or repealed and
 * the new provision is lighter — then the new one, 从旧兼从轻). The decision is made on the day of review.
 */
export function legalBasesCheck(pkg: ReviewPackage, ctx: Pick<PrecheckContext, 'today'>): PrecheckResult {
  const on = pkg.act.endedOn;
  const evidence: string[] = [];
  let failed = false;
  const known = pkg.item?.legalBases ?? [];
  for (const cited of pkg.proposed.legalBases) {
    const name = basisName(cited);
    const found = applicabilityOf(cited, known, on, ctx.today);
    switch (found.verdict) {
      case 'unknown':
        failed = true;
        evidence.push(`${name} 不在该事项的法律依据中`);
        break;
      case 'in_force_at_act':
        evidence.push(`${name} 于 ${on} 施行中`);
        break;
      case 'lighter_new_law':
        evidence.push(
          `${name} 于违法行为发生之日 ${on} 尚未施行，但已修改替代 ${basisName(found.replaced)} 且处罚较轻，依从旧兼从轻适用新规定`,
        );
        break;
      case 'lighter_new_law_ignored':
        failed = true;
        evidence.push(
          `${name} 至作出决定时已被修改，新规定 ${basisName(found.replacement)} 处罚较轻，应当适用新规定（行政处罚法 §37）`,
        );
        break;
      case 'new_law_not_lighter':
        failed = true;
        evidence.push(
          found.replaced
            ? `${name} 于 ${on} 尚未施行，且不轻于违法行为发生时的 ${basisName(found.replaced)}，应适用旧规定`
            : `${name} 于违法行为发生之日 ${on} 尚未施行`,
        );
        break;
      case 'not_in_force': {
        failed = true;
        const basis = known.find((b) => b.law === cited.law && b.article === cited.article)!;
        const to = basis.inForceTo ? `至 ${basis.inForceTo}` : '起';
        evidence.push(`${name} 施行期间（${basis.inForceFrom}${to}）不包括违法行为发生之日 ${on}`);
        break;
      }
    }
  }
  if (pkg.proposed.legalBases.length === 0) {
    failed = true;
    evidence.push('未引用任何法律依据');
  }
  return {
    code: 'legal_bases',
    label: '引用的法律条款存在且适用于该行为（从旧兼从轻）',
    point: 'law',
    status: failed ? 'fail' : 'pass',
    basis: '行政处罚法 §4、§37',
    evidence,
  };
}
