import type { CommandContext } from '../platform/audit/command.ts';
import { issueDocument } from '../documents/document-issue.service.ts';
import type { CaseRow } from './cases.store.ts';
import { documentsOfStep } from './step-documents.rules.ts';

/**
 * Issues the documents of a step (step-documents.rules.ts) inside the step's command, after its event is
 * written, so each is filled from the case as the step left it and dated the step's day. The officer's
 * edits of a document arrive with the step (`documents.<type>.fields`); a document that lacks a required
 * field refuses the whole step, naming the field under `body.documents.<type>`.
 */
export type StepDocumentEdits = Partial<Record<string, { fields: Record<string, string> }>>;

export async function issueStepDocuments(
  ctx: CommandContext,
  kase: Pick<CaseRow, 'id' | 'agency_id' | 'kind'>,
  step: string,
  on: string,
  edits: StepDocumentEdits,
  outcome: string | null = null,
): Promise<{ id: string; type: string; number: string }[]> {
  const issued: { id: string; type: string; number: string }[] = [];
  for (const type of documentsOfStep(kase.kind, step, outcome)) {
    const row = await issueDocument(
      ctx,
      {
        agencyId: kase.agency_id,
        type,
        subjectType: 'case',
        subjectId: kase.id,
        data: { fields: edits[type]?.fields ?? {}, date: on },
      },
      undefined,
      `body.documents.${type}`,
    );
    issued.push({ id: row.id, type: row.type, number: row.number });
  }
  return issued;
}
