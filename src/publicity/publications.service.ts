import type { Kysely, Updateable } from 'kysely';
import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import type { RateLimit } from '../platform/config.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import { duplicateField } from '../platform/db/writes.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { requireOwnDecisionCase, requireReviewInCommand } from '../review/gate.service.ts';
import { ownCase } from '../cases/case-subject.ts';
import type { AntiRobot } from './anti-robot.ts';
import {
  defaultPublicityDeadlines,
  earlyEndUnmet,
  earlyEndUnmetMessages,
  publicationDue,
  publicityPeriod,
  withdrawalDue,
  type PublicityDeadlineConfig,
} from './deadlines.rules.ts';
import { maskName, maskText, mayPublish, publicationRefusalMessages } from './masking.rules.ts';
import { personalDataKindLabels, type PersonalRecords } from './personal-data.rules.ts';
import { publicationsPolicy } from './publications.policy.ts';
import {
  correctionDue,
  describeFinding,
  guardFindings,
  mayReviewPublication,
  nextPublicationStatus,
  publicVisibility,
  shownStatus,
  type GuardFinding,
  type PublicationAction,
} from './publications.rules.ts';
import type { PublicationEdit, PublicationInput } from './publications.schema.ts';
import type { z } from 'zod';
import type { earlyEndBody, InternalRecords, publicitySettingsBody } from './publications.schema.ts';
import { formatReceiptNumber } from './receipt-number.rules.ts';

/**
 * Commands of ex-post publicity (事后公开, issue 4 item 4). Each is one transaction with its record-log
 * entry (DESIGN.md principle 1). `insertPublicationDraft` takes a running command's context so the cases
 * area can create a draft inside the command that makes the decision.
 */

type Reader = Kysely<DB>;

type PublicationRow = Row<'publications'>;

const uniques = { publications_agency_document_key: 'body.documentNumber' };

/** The agency's publicity numbers in force: its newest settings, else the national defaults. */
export async function publicitySettings(db: Reader, agencyId: string): Promise<PublicityDeadlineConfig> {
  const row = await db
    .selectFrom('publicity_settings')
    .select('config')
    .where('agency_id', '=', agencyId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  // A setting saved before a key existed takes that key's default.
  return { ...defaultPublicityDeadlines, ...row?.config };
}

/** What masking looks for: the internal record, with the party added as a natural person or organisation. */
export function maskingRecords(
  records: InternalRecords,
  party: { kind: 'natural_person' | 'organisation'; name: string; creditCode: string | null },
): PersonalRecords {
  const persons = records.naturalPersons.map((p) => ({ name: p.name, addresses: p.addresses ?? [] }));
  const orgs = records.organisations.map((o) => ({
    name: o.name,
    ...(o.creditCode ? { creditCode: o.creditCode } : {}),
    bankAccounts: o.bankAccounts ?? [],
  }));
  if (party.kind === 'natural_person' && !persons.some((p) => p.name === party.name))
    persons.push({ name: party.name, addresses: [] });
  if (party.kind === 'organisation' && !orgs.some((o) => o.name === party.name))
    orgs.push({
      name: party.name,
      ...(party.creditCode ? { creditCode: party.creditCode } : {}),
      bankAccounts: [],
    });
  return { naturalPersons: persons, organisations: orgs };
}

interface TextFields {
  partyName: string;
  title: string;
  summary: string;
  documentText: string;
}

/** The published texts: a natural person party as surname + 某某, every text masked by the record. */
function maskedFields(fields: TextFields, partyKind: string, records: PersonalRecords): TextFields {
  const mask = (t: string) => maskText(t, records).text;
  return {
    partyName: partyKind === 'natural_person' ? maskName(fields.partyName) : fields.partyName,
    title: mask(fields.title),
    summary: mask(fields.summary),
    documentText: mask(fields.documentText),
  };
}

type RecordsOfRow = Pick<
  PublicationRow,
  'personal_records' | 'party_kind' | 'party_name' | 'party_credit_code'
>;

/** What masking looks for in a row's texts (the party's full name is in the internal record). */
export function rowMaskingRecords(row: RecordsOfRow): PersonalRecords {
  return maskingRecords(row.personal_records, {
    kind: row.party_kind,
    name: row.party_kind === 'natural_person' ? fullPartyName(row) : row.party_name,
    creditCode: row.party_credit_code,
  });
}

/** The guard over every public text of a row as it stands. */
export function rowFindings(row: PublicationRow): GuardFinding[] {
  return guardFindings(
    {
      partyName: row.party_name,
      documentNumber: row.document_number,
      title: row.title,
      summary: row.summary,
      documentText: row.document_text,
      withdrawalReason: row.withdrawal_reason,
    },
    rowMaskingRecords(row),
  );
}

/** The natural person party's full name, kept in the internal record as its first person. */
function fullPartyName(row: RecordsOfRow): string {
  return row.personal_records.naturalPersons[0]?.name ?? row.party_name;
}

function refuseFindings(findings: GuardFinding[], path = (f: GuardFinding) => `body.${f.field}`): never {
  throw new AppError('PUBLICATION_PERSONAL_DATA', {
    detail: `仍有 ${findings.length} 处个人信息未脱敏，请修改后再提交`,
    errors: findings.map((f) => ({
      path: path(f),
      message: describeFinding(f, personalDataKindLabels[f.kind]),
    })),
    extra: { findings },
  });
}

async function logStep(
  ctx: CommandContext,
  row: PublicationRow,
  action: Row<'publication_events'>['action'],
  note: string,
  changes: string[],
): Promise<void> {
  const history = await ctx.trx
    .insertInto('publication_events')
    .values({
      id: newId(),
      agency_id: row.agency_id,
      publication_id: row.id,
      action,
      note,
      actor_id: ctx.actor.personId,
      at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: `publicity.publication_${action}`,
    agencyId: row.agency_id,
    subjectType: 'publication',
    subjectId: row.id,
    record: { ...row, history: [history] },
    changes,
  });
}

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
  const row = await ctx.trx
    .insertInto('publications')
    .values({
      ...values,
      id,
      agency_id: agencyId,
      status: 'draft',
      author_id: ctx.actor.personId,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
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
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unitId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  if (!unit) {
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

export async function publicationAgency(db: Reader, id: string): Promise<string> {
  const row = await db.selectFrom('publications').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row.agency_id;
}

async function lockRow(ctx: CommandContext, id: string): Promise<PublicationRow> {
  const row = await ctx.trx
    .selectFrom('publications')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

const invalidState = (detail: string) => new AppError('PUBLICATION_INVALID_STATE', { detail });

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
  const agencyId = await publicationAgency(deps.db, id);
  authorize(principal, publicationsPolicy.draft, agencyId);
  if (edit.unitId !== undefined) await assertUnit(deps.db, agencyId, edit.unitId);
  const actor = { ...actorOf(principal), agencyId };
  const movedTo = edit.caseId;
  if (movedTo)
    await requireOwnDecisionCase(deps, actor, caseReference(movedTo), 'publication', 'body.caseId');
  await duplicateField(uniques, () =>
    runCommand(deps, actor, async (ctx) => {
      const row = await lockRow(ctx, id);
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
      const updated = await ctx.trx
        .updateTable('publications')
        .set({ ...values, updated_at: ctx.now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await logStep(ctx, updated, 'edited', '', changed);
    }),
  );
}

const stepEvent: Record<PublicationAction, Row<'publication_events'>['action']> = {
  submit: 'submitted',
  approve: 'published',
  return: 'returned',
  withdraw: 'withdrawn',
  end_early: 'ended',
};

/** Moves the row by the action (refused when the action is not open), setting the given columns. */
async function moveRow(
  ctx: CommandContext,
  row: PublicationRow,
  action: PublicationAction,
  set: Updateable<DB['publications']>,
  note: string,
): Promise<PublicationRow> {
  const to = nextPublicationStatus(row.status, action);
  if (!to) throw invalidState(stateMessage(action));
  const updated = await ctx.trx
    .updateTable('publications')
    .set({ ...set, status: to, updated_at: ctx.now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await logStep(ctx, updated, stepEvent[action], note, ['status', ...Object.keys(set)]);
  return updated;
}

function stateMessage(action: PublicationAction): string {
  switch (action) {
    case 'submit':
      return '只有草稿可以提交审核';
    case 'approve':
    case 'return':
      return '只有待审核的公示信息可以审核';
    case 'withdraw':
      return '只有公示中的信息可以撤回';
    case 'end_early':
      return '只有公示中的信息可以提前停止公示';
  }
}

/** Submits a draft for the publisher's review; the masking guard runs here already. */
export async function submitPublication(deps: CommandDeps, principal: Principal, id: string): Promise<void> {
  authorize(principal, publicationsPolicy.draft, await publicationAgency(deps.db, id));
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockRow(ctx, id);
    if (row.status === 'draft') {
      const findings = rowFindings(row);
      if (findings.length > 0) refuseFindings(findings);
    }
    await moveRow(ctx, row, 'submit', {}, '');
  });
}

/**
 * The publisher's review (公示规定 §16): approve publishes — after the final masking guard (浙江 §7) —
 * and fixes the publicity period (公示规定 §13); return sends the draft back with a reason.
 */
export async function reviewPublication(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  decision: { action: 'approve'; note: string } | { action: 'return'; reason: string },
): Promise<void> {
  authorize(principal, publicationsPolicy.publish, await publicationAgency(deps.db, id));
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockRow(ctx, id);
    if (row.status !== 'in_review') throw invalidState(stateMessage(decision.action));
    if (!mayReviewPublication(row.author_id, principal.personId))
      throw new AppError('PUBLICATION_SELF_REVIEW');
    if (decision.action === 'return') {
      await moveRow(
        ctx,
        row,
        'return',
        { review_note: decision.reason, reviewer_id: principal.personId },
        decision.reason,
      );
      return;
    }
    const findings = rowFindings(row);
    if (findings.length > 0) refuseFindings(findings);
    await publishRow(ctx, row, principal.personId, decision.note);
  });
}

/** Publishes a reviewed row now: the period runs from today (公示规定 §13). */
export async function publishRow(
  ctx: CommandContext,
  row: PublicationRow,
  reviewerId: string | null,
  note: string,
): Promise<PublicationRow> {
  const publishedOn = chinaDate(ctx.now);
  const config = await publicitySettings(ctx.trx, row.agency_id);
  const period = publicityPeriod(row.sanctions, row.party_kind, publishedOn, config);
  return moveRow(
    ctx,
    row,
    'approve',
    {
      reviewer_id: reviewerId,
      review_note: note,
      published_at: ctx.now,
      published_on: publishedOn,
      period_ends_on: period.endsOn,
      period_rule: period.rule,
    },
    note,
  );
}

/**
 * Withdraws a published decision that was changed, revoked, or found illegal or void, with the public
 * reason (行政处罚法 §48; 公示规定 §11). A late withdrawal is still made, and its lateness shows.
 */
export async function withdrawPublication(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  body: { reason: string; occurredOn: string },
): Promise<void> {
  authorize(principal, publicationsPolicy.publish, await publicationAgency(deps.db, id));
  const today = chinaDate(deps.clock.now());
  if (body.occurredOn > today) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'body.occurredOn', message: '变更、撤销或确认违法之日不能晚于今天' }],
    });
  }
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockRow(ctx, id);
    // The reason is public (公示规定 §11): the same guard as the decision's own texts.
    const findings = guardFindings({ withdrawalReason: body.reason }, rowMaskingRecords(row));
    if (findings.length > 0) refuseFindings(findings, () => 'body.reason');
    const config = await publicitySettings(ctx.trx, row.agency_id);
    const due = withdrawalDue(await workingCalendar(ctx.trx), body.occurredOn, config); // 行政处罚法 §48
    await moveRow(
      ctx,
      row,
      'withdraw',
      {
        withdrawal_reason: body.reason,
        withdrawal_occurred_on: body.occurredOn,
        withdrawal_due_on: due.date,
        withdrawn_at: ctx.now,
      },
      body.reason,
    );
  });
}

/** Ends publicity early on the party's request when 公示规定 §14's conditions are all met. */
export async function endPublicationEarly(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  body: z.infer<typeof earlyEndBody>,
): Promise<void> {
  authorize(principal, publicationsPolicy.publish, await publicationAgency(deps.db, id));
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockRow(ctx, id);
    if (row.status !== 'published' || !row.published_on) throw invalidState(stateMessage('end_early'));
    if (shownStatus(row.status, row.period_ends_on, chinaDate(ctx.now)) === 'ended')
      throw invalidState('公示期已届满，无需提前停止');
    const config = await publicitySettings(ctx.trx, row.agency_id);
    // The case's enforcement field sets the wait (信用修复管理办法 §6); an item without a case waits 6 months.
    const kase = row.case_id
      ? await ctx.trx
          .selectFrom('cases')
          .select('field')
          .where('id', '=', row.case_id)
          .where('agency_id', '=', row.agency_id)
          .executeTakeFirst()
      : undefined;
    const unmet = earlyEndUnmet(
      {
        ...body,
        sanctions: row.sanctions,
        party: row.party_kind,
        field: kase?.field ?? null,
        publishedOn: row.published_on,
      },
      config,
    );
    if (unmet.length > 0) {
      throw new AppError('PUBLICATION_EARLY_END_REFUSED', {
        detail: unmet.map((u) => earlyEndUnmetMessages[u]).join('；'),
        errors: unmet.map((u) => ({ path: 'body', message: earlyEndUnmetMessages[u] })),
        extra: { unmet },
      });
    }
    const reason = `经 ${body.applicant} 于 ${body.requestedOn} 申请，符合提前停止公示条件（市场监督管理行政处罚信息公示规定第十四条）${body.note ? `：${body.note}` : ''}`;
    await moveRow(ctx, row, 'end_early', { ended_at: ctx.now, end_reason: reason }, reason);
  });
}

/** What the portal's correction form and the public API share. */
export interface CorrectionDeps extends CommandDeps {
  antiRobot: AntiRobot;
}

/** The public routes' deps: the correction form's limit and the lookups' (per client address). */
export interface PublicRouteDeps extends CorrectionDeps {
  limits: { corrections: RateLimit; lookups: RateLimit };
}

/**
 * A correction request from the public (公示规定 §12): rate-limited per client address at the route
 * (platform/http/rate-limit.ts, counted in the database across instances), with the anti-robot check,
 * about a publication the public can see; answered by a deadline (publications.rules.ts).
 */
export async function requestCorrection(
  deps: CorrectionDeps,
  publicationId: string,
  input: { name: string; contact: string; content: string; altcha: string },
  ip: string,
): Promise<{ id: string; receiptNumber: string; dueOn: string }> {
  if (!(await deps.antiRobot.verify(input.altcha))) {
    throw new AppError('ANTI_ROBOT_FAILED', {
      errors: [{ path: 'body.altcha', message: '人机验证未通过或已过期，请重新验证' }],
    });
  }
  const pub = await deps.db
    .selectFrom('publications')
    .select(['id', 'agency_id', 'status', 'period_ends_on'])
    .where('id', '=', publicationId)
    .executeTakeFirst();
  const today = chinaDate(deps.clock.now());
  if (!pub || publicVisibility(shownStatus(pub.status, pub.period_ends_on, today)) !== 'full')
    throw new AppError('NOT_FOUND');
  const actor: Actor = { personId: null, agencyId: pub.agency_id, via: 'anonymous', ip };
  return runCommand(deps, actor, async (ctx) => {
    const due = correctionDue(await workingCalendar(ctx.trx), today);
    const row = await ctx.trx
      .insertInto('correction_requests')
      .values({
        id: newId(),
        agency_id: pub.agency_id,
        publication_id: pub.id,
        receipt_number: await nextReceiptNumber(ctx, pub.agency_id, Number(today.slice(0, 4))),
        status: 'open',
        requester_name: input.name,
        requester_contact: input.contact,
        content: input.content,
        received_on: today,
        due_on: due.date,
        answer: null,
        corrected: null,
        answered_by: null,
        answered_at: null,
        created_at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'publicity.correction_requested',
      agencyId: pub.agency_id,
      subjectType: 'correction_request',
      subjectId: row.id,
      record: row,
    });
    return { id: row.id, receiptNumber: row.receipt_number, dueOn: row.due_on };
  });
}

/**
 * The agency's next receipt number of the year (receipt-number.rules.ts). The upsert takes the series
 * row's lock: concurrent requests queue here, each gets the next serial, and a request rolled back
 * takes none, so the numbers have no gaps.
 */
async function nextReceiptNumber(ctx: CommandContext, agencyId: string, year: number): Promise<string> {
  const { last } = await ctx.trx
    .insertInto('correction_number_series')
    .values({ agency_id: agencyId, year, last: 1 })
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'year'])
        .doUpdateSet((eb) => ({ last: eb('correction_number_series.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return formatReceiptNumber(year, last);
}

/** The publisher answers a correction request; a correction made is noted on the publication too. */
export async function answerCorrection(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  body: { answer: string; corrected: boolean },
): Promise<void> {
  const found = await deps.db
    .selectFrom('correction_requests')
    .select('agency_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');
  authorize(principal, publicationsPolicy.publish, found.agency_id);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const open = await ctx.trx
      .selectFrom('correction_requests')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (open.status !== 'open') throw invalidState('该更正申请已答复');
    const row = await ctx.trx
      .updateTable('correction_requests')
      .set({
        status: 'answered',
        answer: body.answer,
        corrected: body.corrected,
        answered_by: principal.personId,
        answered_at: ctx.now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'publicity.correction_answered',
      agencyId: row.agency_id,
      subjectType: 'correction_request',
      subjectId: row.id,
      record: row,
      changes: ['status', 'answer', 'corrected'],
    });
    if (body.corrected) {
      const history = await ctx.trx
        .insertInto('publication_events')
        .values({
          id: newId(),
          agency_id: row.agency_id,
          publication_id: row.publication_id,
          action: 'corrected',
          note: body.answer,
          actor_id: principal.personId,
          at: ctx.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // The publication's history row is recorded about the publication (verify-history.ts).
      await ctx.record({
        kind: 'publicity.publication_corrected',
        agencyId: row.agency_id,
        subjectType: 'publication',
        subjectId: row.publication_id,
        record: { history: [history] },
        changes: ['corrected'],
      });
    }
  });
}

/** The administrator changes the agency's publicity numbers; the change is a new row with its reason. */
export async function changePublicitySettings(
  deps: CommandDeps,
  principal: Principal,
  body: z.infer<typeof publicitySettingsBody>,
): Promise<PublicityDeadlineConfig> {
  authorize(principal, publicationsPolicy.configure, principal.agencyId);
  const { reason, ...config } = body;
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await ctx.trx
      .insertInto('publicity_settings')
      .values({
        id: newId(),
        agency_id: principal.agencyId,
        config: JSON.stringify(config),
        reason,
        created_at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'publicity.settings_changed',
      agencyId: principal.agencyId,
      subjectType: 'publicity_settings',
      subjectId: row.id,
      record: row,
    });
  });
  return config;
}
