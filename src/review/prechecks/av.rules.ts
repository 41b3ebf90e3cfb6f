import { avGaps } from '../../records/av-checklist.rules.ts';
import type { ReviewPackage } from '../package.ts';
import type { PrecheckResult } from './precheck.ts';

/** The AV checklist (S-8.1, 国办发〔2018〕118号): each listed step has its AV, full-process where required. */
export function avCheck(pkg: ReviewPackage): PrecheckResult {
  const steps = pkg.steps.map((s) => ({
    id: s.id,
    step: s.step,
    subjectType: 'case',
    subjectId: pkg.caseId,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
  }));
  const gaps = avGaps(steps, pkg.evidence, pkg.avChecklist);
  const listed = pkg.steps.filter((s) => pkg.avChecklist.some((i) => i.step === s.step)).length;
  return {
    code: 'av_gaps',
    label: '音像记录完整',
    point: 'facts',
    status: gaps.length > 0 ? 'fail' : 'pass',
    basis: '国办发〔2018〕118号；音像记录事项清单',
    evidence:
      gaps.length > 0
        ? gaps.map((g) => g.message)
        : [`清单所列的 ${listed} 个环节均有音像记录，共 ${pkg.evidence.length} 份证据文件`],
  };
}
