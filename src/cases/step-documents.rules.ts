import type { DocumentType } from '../documents/document-types.ts';

/**
 * The documents a step of a penalty case issues as part of itself (issue 12 item 5): the approvals,
 * notices and decisions the lifecycle names at that step (lifecycles/penalty-ordinary.ts `documents`),
 * filled from the case and dated the step's day — a document is never dated after the act it approves,
 * and the step is not taken while one of them lacks a required field. Written records (笔录), service
 * addresses and hearing papers are made while the case is in the state, with the party, not by a step.
 * Pure.
 */
const ordinary: Readonly<Record<string, readonly DocumentType[]>> = {
  file: ['case_source', 'filing_approval'],
  not_file: ['case_source', 'non_filing_approval'],
  conclude_investigation: ['investigation_report'],
  notify: ['penalty_notice'],
  serve: ['proof_of_service'],
  close: ['closing_approval'],
};

export function documentsOfStep(
  kind: string,
  step: string,
  outcome: string | null = null,
): readonly DocumentType[] {
  if (kind !== 'penalty_ordinary') return [];
  if (step === 'decide') {
    if (outcome === 'penalty') return ['penalty_decision', 'penalty_info_summary'];
    if (outcome === 'warning') return ['penalty_decision'];
    if (outcome === 'no_penalty') return ['no_penalty_decision'];
    return [];
  }
  return ordinary[step] ?? [];
}
