import type { ReviewPackage } from '../package.ts';
import type { PrecheckResult } from './precheck.ts';

/**
 * Every cited article is one of the item's legal bases in the power list and was in force on the date of
 * the act (行政处罚法 §4: 依据法律、法规、规章; §37: the law in force when the act was done applies).
 */
export function legalBasesCheck(pkg: ReviewPackage): PrecheckResult {
  const on = pkg.act.endedOn;
  const evidence: string[] = [];
  let failed = false;
  const known = pkg.item?.legalBases ?? [];
  for (const cited of pkg.proposed.legalBases) {
    const name = `《${cited.law}》${cited.article}`;
    const basis = known.find((b) => b.law === cited.law && b.article === cited.article);
    if (!basis) {
      failed = true;
      evidence.push(`${name} 不在该事项的法律依据中`);
    } else if (basis.inForceFrom > on || (basis.inForceTo !== null && basis.inForceTo < on)) {
      failed = true;
      const to = basis.inForceTo ? `至 ${basis.inForceTo}` : '起';
      evidence.push(`${name} 施行期间（${basis.inForceFrom}${to}）不包括违法行为发生之日 ${on}`);
    } else evidence.push(`${name} 于 ${on} 施行中`);
  }
  if (pkg.proposed.legalBases.length === 0) {
    failed = true;
    evidence.push('未引用任何法律依据');
  }
  return {
    code: 'legal_bases',
    label: '引用的法律条款存在且在行为时施行',
    point: 'law',
    status: failed ? 'fail' : 'pass',
    basis: '行政处罚法 §4、§37',
    evidence,
  };
}
