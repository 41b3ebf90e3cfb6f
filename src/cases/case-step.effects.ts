import type { CommandContext } from '../platform/audit/command.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { insertCase } from './case-open.service.ts';
import { firstPartyOf, partiesOf } from './case-parties.store.ts';
import type { Checked } from './case-step.checks.ts';
import type { StepInput } from './cases.schema.ts';
import { latestEventOf, type CaseChanges, type CaseRow } from './cases.store.ts';
import { terminationGroundLabels } from './exit.rules.ts';
import { hearingRight } from './hearing-right.rules.ts';
import { hearingExclusion, type LicensingExclusion } from './licensing.rules.ts';
import { partyTypeOf } from './party.rules.ts';
import { fineOf, sanctionsOfRequest } from './sanctions.rules.ts';
import { standingProposal } from '../review/standing-proposal.queries.ts';

/** What each step changes on the case beyond its state, and the facts its event keeps. */

/** What a step changes on the case beyond its state, and the facts its event keeps. */
export async function stepEffects(
  ctx: CommandContext,
  kase: CaseRow,
  checked: Checked,
  input: StepInput,
  on: string,
): Promise<{ changes: CaseChanges; details: Record<string, unknown>; leadCaseId?: string }> {
  const t = checked.transition;
  switch (t.step) {
    case 'file':
      return { changes: { filed_on: on }, details: {} };
    case 'conclude_investigation':
      // Issue 12 item 4: the report's facts are written once, here; the review submits them as they are.
      // Concluded again after a return, the report stands as the last round left it unless rewritten.
      if (
        kase.kind === 'penalty_ordinary' &&
        input.findings === null &&
        !(await standingProposal(ctx.trx, ownAgency(kase.agency_id), kase.id))
      ) {
        throw fieldError(
          'VALIDATION_FAILED',
          'body.findings',
          '请填写调查终结报告：违法事实、证据、处罚依据和处理意见（市场监督管理行政处罚程序规定 调查终结）',
        );
      }
      return { changes: {}, details: input.findings ? { findings: input.findings } : {} };
    case 'notify':
      return noticeEffects(ctx, kase, input);
    case 'refuse_hearing':
      // 行政处罚法 §63: where the right exists, the request is granted; only one out of scope is refused
      if (kase.hearing_right === true) {
        throw new AppError('CASE_STEP_NOT_ALLOWED', {
          detail: `案件 ${kase.case_number} 拟作出的处罚属于听证范围（${kase.hearing_right_grounds.join('；')}），当事人要求听证的，应当组织听证（行政处罚法 §63），不得不予听证`,
          extra: { state: kase.state, step: t.step, hearingRight: true },
        });
      }
      return { changes: {}, details: { hearingRight: kase.hearing_right } };
    case 'hold_hearing':
      if (kase.kind === 'licensing') return licensingHearingEffects(ctx, kase, input, on);
      return {
        changes: {},
        details: { hearingChairId: input.hearingChairId, hearingNotifiedOn: input.hearingNotifiedOn },
      };
    case 'serve':
      return {
        changes: {},
        details: {
          serviceMethod: input.serviceMethod ?? 'direct',
          electronicConsent: input.electronicConsent,
        },
      };
    case 'enforce':
      return { changes: {}, details: { measure: input.measure ?? 'sealing' } };
    case 'refuse_acceptance':
      return { changes: {}, details: { remedy: input.remedy } };
    case 'receive_completion':
      // 行政许可法 §32: the completed materials received again; the 5 days run anew from this day
      return { changes: {}, details: { receivedAgainOn: on } };
    case 'record_payment':
      return paymentEffects(kase, input);
    case 'close':
    case 'file_with_agency':
    case 'verify_correction':
      return { changes: { closed_on: on }, details: {} };
    case 'transfer_judiciary':
    case 'transfer_jurisdiction':
      return { changes: { closed_on: on }, details: { transferee: input.transferee } };
    case 'terminate_investigation':
      return {
        changes: { closed_on: on },
        details: {
          terminationGround: input.terminationGround,
          terminationGroundLabel: input.terminationGround
            ? terminationGroundLabels[input.terminationGround]
            : null,
        },
      };
    case 'refer_lead': {
      // An inspection's finding becomes a penalty lead (程序规定 §17–18): a new case, pointing back here.
      const parties = await partiesOf(ctx.trx, ownAgency(kase.agency_id), kase.id);
      const lead = await insertCase(
        ctx,
        kase.agency_id,
        {
          kind: 'penalty_ordinary',
          title: kase.title,
          itemId: input.leadItemId,
          field: kase.field as never,
          unitId: kase.unit_id,
          source: `检查发现（${kase.case_number}）`,
          parties: parties.map((p) =>
            p.party_type === 'person'
              ? { type: 'person', name: p.name, idNumber: p.id_number, phone: p.phone, address: p.address }
              : p.party_type === 'individual_business'
                ? {
                    type: 'individual_business',
                    name: p.name,
                    creditCode: p.credit_code,
                    operatorName: p.operator_name ?? p.name,
                    idNumber: p.id_number,
                    phone: p.phone,
                    address: p.address,
                  }
                : {
                    type: 'organisation',
                    name: p.name,
                    creditCode: p.credit_code,
                    legalRepresentative: p.legal_representative,
                    phone: p.phone,
                    address: p.address,
                  },
          ),
          officerIds: [],
        },
        on,
        { originCaseId: kase.id },
      );
      return {
        changes: {},
        details: { leadCaseId: lead.id, leadCaseNumber: lead.case_number },
        leadCaseId: lead.id,
      };
    }
    default:
      return { changes: {}, details: {} };
  }
}

/**
 * The notice of the proposed penalty (行政处罚法 §44): the proposed sanctions (a list, or for older callers
 * one fine of `proposedAmountFen`), and the hearing right they give the party (§63; 听证办法 §5), stored on
 * the case and in the step's details with its grounds, so the notice document states it when it applies.
 */
async function noticeEffects(ctx: CommandContext, kase: CaseRow, input: StepInput) {
  const { sanctions, mismatch } = sanctionsOfRequest(input.proposedSanctions, input.proposedAmountFen);
  if (mismatch) {
    const message = `拟罚款金额与拟处罚种类中的罚款（${fineOf(sanctions) / 100} 元）不一致`;
    throw new AppError('VALIDATION_FAILED', {
      detail: message,
      errors: [{ path: 'body.proposedAmountFen', message }],
    });
  }
  // An empty list sent as such proposes no penalty (行政处罚法 §33, e.g. after a review of 不予处罚); a notice
  // that names neither a list nor an amount has forgotten its content.
  if (kase.kind === 'penalty_ordinary' && sanctions.length === 0 && input.proposedSanctions === null) {
    const message = '请列出拟作出的行政处罚（行政处罚法 §44：告知拟作出的行政处罚内容）';
    throw new AppError('VALIDATION_FAILED', {
      detail: message,
      errors: [{ path: 'body.proposedSanctions', message }],
    });
  }
  const party = await firstPartyOf(ctx.trx, ownAgency(kase.agency_id), kase.id);
  const partyType = partyTypeOf(party?.party_type ?? 'organisation', party?.credit_code);
  const right = hearingRight(partyType, sanctions);
  const proposedAmountFen = input.proposedSanctions === null ? input.proposedAmountFen : fineOf(sanctions);
  return {
    changes: {
      proposed_amount_fen: proposedAmountFen,
      proposed_sanctions: sanctions,
      hearing_right: right.hearingRight,
      hearing_right_grounds: right.grounds,
      rights_waived: input.rightsWaived,
    },
    details: {
      proposedAmountFen,
      proposedSanctions: sanctions,
      partyType,
      hearingRight: right,
      rightsWaived: input.rightsWaived,
    },
  };
}

/**
 * A licensing hearing held (行政许可法 §48): its chair and record, and its time — from the request (§47) or
 * the announcement (§46) to the hearing — excluded from the decision period (§45).
 */
async function licensingHearingEffects(ctx: CommandContext, kase: CaseRow, input: StepInput, on: string) {
  const started = await latestEventOf(ctx.trx, ownAgency(kase.agency_id), kase.id, {
    steps: ['request_hearing', 'announce_hearing'],
  });
  const exclusion = hearingExclusion(started?.on_date ?? on, on);
  return {
    changes: { excluded_time: [...(kase.excluded_time as LicensingExclusion[]), exclusion] },
    details: {
      hearingChairId: input.hearingChairId,
      hearingNotifiedOn: input.hearingNotifiedOn,
      hearingRecordSigned: input.hearingRecordSigned,
      excluded: exclusion,
    },
  };
}

/**
 * Payment of a levy or a fee: the amount paid must cover what was decided. (A fine's payment, with its
 * surcharge, deferral and collection rules, is the payment services': payment-record.service.ts.)
 */
function paymentEffects(kase: CaseRow, input: StepInput) {
  const owed = kase.amount_fen ?? 0;
  const paid = input.amountFen ?? 0;
  if (paid < owed) {
    const message = `应缴 ${owed / 100} 元`;
    throw new AppError('VALIDATION_FAILED', {
      detail: message,
      errors: [{ path: 'body.amountFen', message }],
    });
  }
  return { changes: { paid_fen: paid }, details: { paidFen: paid } };
}
