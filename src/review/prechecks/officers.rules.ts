import { actRefusalMessages, mayActWithAny } from '../../org/certificate.rules.ts';
import { remoteServiceMethods } from '../../cases/lifecycle.rules.ts';
import type { ReviewPackage } from '../package.ts';
import type { PrecheckResult } from './precheck.ts';

/**
 * Steps the law reserves to at least two certified officers: investigation and inspection (行政处罚法 §42,
 * §55), filing (程序规定 §19), coercive measures (行政强制法 §18), service in person (程序规定) — not service
 * by post, electronic means or public notice.
 */
export const twoOfficerSteps: ReadonlySet<string> = new Set([
  'filing',
  'on_site_inspection',
  'random_inspection',
  'evidence_collection',
  'evidence_preservation',
  'interview',
  'investigation',
  'sealing',
  'seizure',
  'coercive_measure',
  'service',
]);

/** 行政处罚法 §42: each officer of each step held a certificate valid for the field on that day; two where required. */
export function officersCheck(pkg: ReviewPackage): PrecheckResult {
  const evidence: string[] = [];
  let failed = false;
  for (const step of pkg.steps) {
    // Service by post, electronic means or public notice needs no officers at the door (lifecycle.rules.ts)
    const remote = step.step === 'service' && step.method != null && remoteServiceMethods.has(step.method);
    if (twoOfficerSteps.has(step.step) && !remote && step.officers.length < 2) {
      failed = true;
      evidence.push(`${step.on} ${step.step}：执法人员 ${step.officers.length} 名，少于法定的 2 名`);
    }
    for (const officer of step.officers) {
      const refusal = mayActWithAny(officer.certificates, pkg.field, step.on);
      if (refusal) {
        failed = true;
        evidence.push(`${step.on} ${step.step}：${officer.name} ${actRefusalMessages[refusal]}`);
      }
    }
  }
  const counted = pkg.steps.reduce((n, s) => n + s.officers.length, 0);
  if (!failed) evidence.push(`${pkg.steps.length} 个环节、${counted} 人次执法人员的执法证在当日有效`);
  return {
    code: 'officers',
    label: '执法人员持有效执法证、人数符合要求',
    point: 'competence',
    status: failed ? 'fail' : 'pass',
    basis: '行政处罚法 §42、§55',
    evidence,
  };
}
