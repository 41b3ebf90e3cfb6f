import { documentTypes } from '../../documents/document-types.ts';
import type { ReviewPackage } from '../package.ts';
import type { PrecheckResult } from './precheck.ts';

export interface RequiredDocument {
  /** Any one of these types satisfies the requirement. */
  anyOf: string[];
  /** Required only when one of these steps was taken (absent: always, for an ordinary penalty case). */
  whenStep?: string[];
  basis: string;
}

/** What an ordinary penalty case file holds when it goes to review (国市监法发〔2021〕42号). */
export const requiredDocuments: readonly RequiredDocument[] = [
  { anyOf: ['case_source'], basis: '程序规定 §17' },
  { anyOf: ['filing_approval'], basis: '程序规定 §19' },
  { anyOf: ['on_site_record', 'interview_record'], basis: '行政处罚法 §55' },
  { anyOf: ['investigation_report'], basis: '程序规定 §52' },
  { anyOf: ['advance_preservation_notice'], whenStep: ['evidence_preservation'], basis: '行政处罚法 §56' },
  { anyOf: ['coercive_measure_decision'], whenStep: ['sealing', 'seizure'], basis: '行政强制法 §24' },
  { anyOf: ['property_list'], whenStep: ['sealing', 'seizure'], basis: '行政强制法 §24' },
  { anyOf: ['penalty_notice'], whenStep: ['notice'], basis: '行政处罚法 §44' },
  { anyOf: ['hearing_notice'], whenStep: ['hearing_notice', 'hearing'], basis: '行政处罚法 §64' },
  { anyOf: ['hearing_record'], whenStep: ['hearing'], basis: '行政处罚法 §64' },
];

const titles: Readonly<Record<string, { title: string }>> = documentTypes;
const names = (types: readonly string[]) => types.map((t) => titles[t]?.title ?? t).join('或');

/** The case file holds every document its steps require (S-7; 国市监法发〔2021〕42号). */
export function documentsCheck(pkg: ReviewPackage): PrecheckResult {
  const base = {
    code: 'documents',
    label: '执法文书齐全',
    point: 'documents' as const,
    basis: '国市监法发〔2021〕42号',
  };
  if (pkg.kind !== 'penalty' || pkg.procedure !== 'ordinary') {
    return { ...base, status: 'pass', evidence: ['非普通程序行政处罚案件，按案件类别的文书目录人工审核'] };
  }
  const held = new Set(pkg.documents.map((d) => d.type));
  const taken = new Set(pkg.steps.map((s) => s.step));
  const missing = requiredDocuments.filter(
    (r) => (!r.whenStep || r.whenStep.some((s) => taken.has(s))) && !r.anyOf.some((t) => held.has(t)),
  );
  return {
    ...base,
    status: missing.length > 0 ? 'fail' : 'pass',
    evidence:
      missing.length > 0
        ? missing.map((r) => `缺少${names(r.anyOf)}（${r.basis}）`)
        : [`案卷共 ${pkg.documents.length} 份文书，必备文书齐全`],
  };
}
