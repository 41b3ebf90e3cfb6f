import type { Kysely } from 'kysely';
import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { ownAgency, ownScopeOf } from '../platform/db/agency-scope.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import { duplicateField } from '../platform/db/writes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { requireOwnDecisionCase, requireReviewInCommand } from '../review/gate.service.ts';
import { ownCase } from '../cases/case-subject.ts';
import { publicationDue, type PublicityDeadlineConfig } from './deadlines.rules.ts';
import { mayPublish, publicationRefusalMessages } from './masking.rules.ts';
import { fullPartyName, maskedFields, maskingRecords, type TextFields } from './publication-masking.ts';
import { invalidState, logStep } from './publication-steps.ts';
import { publicitySettings } from './publicity-settings.service.ts';
import { publicationsPolicy } from './publications.policy.ts';
import type { InternalRecords, PublicationEdit, PublicationInput } from './publications.schema.ts';
import {
  insertPublicationRow,
  isAgencyUnit,
  lockPublication,
  publicationAgency,
  updatePublicationRow,
} from './publications.store.ts';

/**
 * Drafts of ex-post publicity (事后公开, issue 4 item 4): created, by the cases area inside the command
 * that makes a decision or by hand, and edited while a draft. Each command is one transaction with its
 * record-log entry (DESIGN.md principle 1).
 */

type Reader = Kysely<DB>;

type PublicationRow = Row<'publications'>;

const uniques = { publications_agency_document_key: 'body.documentNumber' };

export type DraftValues = Omit<
  NewRow<'publications'>,
  'id' | 'agency_id' | 'status' | 'author_id' | 'created_at' | 'updated_at'
>;

/** The row's texts and dates for an input (masked when asked), with its publication deadline. */
async function draftValues(db: Reader, agencyId: string, input: PublicationInput): Promise<DraftValues> {
  const [cal, config] = await Promise.all([workingCalendar(db), publicitySettings(db, agencyId)]);
  return draftRow(cal, config, input);
}

/** The same, given the calendar and the agency's numbers (pure: the demo builds many rows with it). */
export function draftRow(
  cal: WorkingCalendar,
  config: PublicityDeadlineConfig,
  input: PublicationInput,
): DraftValues {
  const records = maskingRecords(input.personalRecords, {
    kind: input.partyKind,
    name: input.partyName,
    creditCode: input.partyCreditCode,
  });
  const fields: TextFields = {
    partyName: input.partyName,
    title: input.title,
    summary: input.summary,
    documentText: input.documentText,
  };
  const shown = input.autoMask ? maskedFields(fields, input.partyKind, records) : fields;
  const internal: InternalRecords = {
    naturalPersons:
      input.partyKind === 'natural_person' &&
      !input.personalRecords.naturalPersons.some((p) => p.name === input.partyName)
        ? [{ name: input.partyName }, ...input.personalRecords.naturalPersons]
        : // The party first, so its full name is found again (fullPartyName).
          [...input.personalRecords.naturalPersons].sort(
            (a, b) => Number(b.name === input.partyName) - Number(a.name === input.partyName),
          ),
    organisations: input.personalRecords.organisations,
  };
  const due = publicationDue(cal, input.kind, input.decidedOn, config); // 118号: 7 / 20 working days
  return {
    unit_id: input.unitId,
    kind: input.kind,
    case_id: input.caseId,
    party_kind: input.partyKind,
    party_name: shown.partyName,
    party_credit_code: input.partyKind === 'organisation' ? input.partyCreditCode : null,
    document_number: input.documentNumber,
    decided_on: input.decidedOn,
    title: shown.title,
    summary: shown.summary,
    document_text: shown.documentText,
    sanctions: JSON.stringify(input.kind === 'penalty' ? input.sanctions : []),
    facts: JSON.stringify(input.facts ?? {}),
    personal_records: JSON.stringify(internal),
    due_on: due.date,
    due_warnings: JSON.stringify(due.warnings),
    reviewer_id: null,
    review_note: '',
    published_at: null,
    published_on: null,
    period_ends_on: null,
    period_rule: null,
    withdrawal_reason: null,
    withdrawal_occurred_on: null,
    withdrawal_due_on: null,
    withdrawn_at: null,
    ended_at: null,
    end_reason: null,
  };
}

/**
 * Creates a draft inside a running command (the cases area calls this when a decision is made). The
 * texts are masked by the internal record unless `autoMask` is false; the deadline is computed.
 */
export async function insertPublicationDraft(
  ctx: CommandContext,
  agencyId: string,
  input: PublicationInput,
): Promise<string> {
  refuseUnpublishable(input.facts);
  const id = newId();
  const values = await draftValues(ctx.trx, agencyId, input);
  const row = await insertPublicationRow(ctx.trx, ownAgency(agencyId), {
    ...values,
    id,
    agency_id: agencyId,
    status: 'draft',
    author_id: ctx.actor.personId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await logStep(ctx, row, 'drafted', '', []);
  return id;
}

/** Minors, secrets, warnings alone, summary procedure: never published (公示规定 §2; 浙江 §5). */
function refuseUnpublishable(facts: PublicationInput['facts']): void {
  const refusals = mayPublish(facts ?? {});
  if (refusals.length === 0) return;
  throw new AppError('PUBLICATION_NOT_PUBLISHABLE', {
    detail: refusals.map((r) => publicationRefusalMessages[r]).join('；'),
    errors: refusals.map((r) => ({ path: 'body.facts', message: publicationRefusalMessages[r] })),
    extra: { refusals },
  });
}

async function assertUnit(db: Reader, agencyId: string, unitId: string | null): Promise<void> {
  if (unitId === null) return;
  if (!(await isAgencyUnit(db, ownAgency(agencyId), unitId))) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'body.unitId', message: '内设机构不存在或不属于本机关' }],
    });
  }
}

const caseReference = (caseId: string) => ({ subjectType: 'case', subjectId: caseId });

export async function createPublication(
  deps: CommandDeps,
  principal: Principal,
  input: PublicationInput,
): Promise<string> {
  authorize(principal, publicationsPolicy.draft, principal.agencyId);
  await assertUnit(deps.db, principal.agencyId, input.unitId);
  const actor = { ...actorOf(principal), agencyId: principal.agencyId };
  const caseId = input.caseId;
  // A draft of a case's decision names a case of the agency (404 otherwise, the attempt recorded).
  if (caseId) await requireOwnDecisionCase(deps, actor, caseReference(caseId), 'publication', 'body.caseId');
  return duplicateField(uniques, () =>
    runCommand(deps, actor, async (ctx) => {
      // The legal-review gate first (S-14, 行政处罚法 §58), its refusal recorded; the database trigger
      // (migration 0016) stays the backstop.
      if (caseId) {
        const kase = await ownCase(ctx.trx, principal.agencyId, caseId, 'body.caseId');
        await requireReviewInCommand(deps, ctx, kase, 'publication');
      }
      return insertPublicationDraft(ctx, principal.agencyId, input);
    }),
  );
}

/** The input a row was made from, for an edit to apply over (texts as they stand; the record in full). */
function inputOfRow(row: PublicationRow): PublicationInput {
  return {
    kind: row.kind,
    unitId: row.unit_id,
    caseId: row.case_id,
    partyKind: row.party_kind,
    partyName: row.party_kind === 'natural_person' ? fullPartyName(row) : row.party_name,
    partyCreditCode: row.party_credit_code,
    documentNumber: row.document_number,
    decidedOn: row.decided_on,
    title: row.title,
    summary: row.summary,
    documentText: row.document_text,
    sanctions: row.sanctions,
    facts: row.facts,
    personalRecords: row.personal_records,
    autoMask: true,
  };
}

/** Edits a draft (returned drafts too); the texts are masked again unless `autoMask` is false. */
export async function editPublication(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  edit: PublicationEdit,
): Promise<void> {
  const agencyId = await publicationAgency(deps.db, ownScopeOf(principal), id);
  authorize(principal, publicationsPolicy.draft, agencyId);
  if (edit.unitId !== undefined) await assertUnit(deps.db, agencyId, edit.unitId);
  const actor = { ...actorOf(principal), agencyId };
  const movedTo = edit.caseId;
  if (movedTo)
    await requireOwnDecisionCase(deps, actor, caseReference(movedTo), 'publication', 'body.caseId');
  await duplicateField(uniques, () =>
    runCommand(deps, actor, async (ctx) => {
      const row = await lockPublication(ctx.trx, ownAgency(agencyId), id);
      if (row.status !== 'draft') throw invalidState('只有草稿可以修改；待审核的请先由公示管理员退回');
      const defined = Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined));
      const input = { ...inputOfRow(row), ...defined };
      // A draft moved onto a case passes the same gate as a new one (the trigger only guards inserts).
      if (input.caseId && input.caseId !== row.case_id) {
        const kase = await ownCase(ctx.trx, agencyId, input.caseId, 'body.caseId');
        await requireReviewInCommand(deps, ctx, kase, 'publication');
      }
      refuseUnpublishable(input.facts);
      const values = await draftValues(ctx.trx, agencyId, input);
      const changed = Object.keys(defined);
      const updated = await updatePublicationRow(ctx.trx, ownAgency(agencyId), id, {
        ...values,
        updated_at: ctx.now,
      });
      await logStep(ctx, updated, 'edited', '', changed);
    }),
  );
}
