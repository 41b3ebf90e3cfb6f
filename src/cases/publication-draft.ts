import type { CommandContext } from '../platform/audit/command.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { insertPublicationDraft } from '../publicity/publication-draft.service.ts';
import type { PublicationInput } from '../publicity/publications.schema.ts';
import type { AfterDecision, DecisionMade } from './case-decision.gates.ts';
import { partiesOf } from './case-parties.store.ts';
import type { CaseRow } from './cases.store.ts';
import { decisionOutcomes } from './cases.schema.ts';
import { publicitySanction, sanctionsText } from './sanctions.rules.ts';

/**
 * Issue 5 item 9: a decision that must be published (decision.rules.ts `mustPublish`) creates its
 * publication draft in the decision's own transaction, with the decision's list of sanctions (issue 13
 * item 6: the publicity rules see every kind, so 吊销 keeps the item 3 years and never early, 通报批评 alone
 * 3 months and never early), its deadline running from the decision date
 * (publicity/deadlines.rules.ts). The draft holds the decision's summary; the publicity officer completes
 * and reviews it before it reaches the portal (公示规定 §16). Until the documents area numbers the decision
 * document, the draft carries the case number as its number.
 */
export const publicationDraftOnDecision: AfterDecision = async (
  ctx: CommandContext,
  kase: CaseRow,
  made: DecisionMade,
) => {
  if (!made.mustPublish) return;
  const parties = await partiesOf(ctx.trx, ownAgency(kase.agency_id), kase.id);
  const party = parties[0];
  if (!party) return; // nobody to publish about: the publicity officer drafts it by hand
  const amount = made.sanctions.length > 0 ? `：${sanctionsText(made.sanctions)}` : '';
  const summary = `${party.name}：${kase.title}。${decisionOutcomes[made.outcome]}${amount}。`;
  const input: PublicationInput = {
    kind: kase.action_kind,
    unitId: kase.unit_id,
    caseId: kase.id,
    // A 个体工商户 is published under its registered name and credit code, as the organisations are
    // (公示规定 §2, §4); its operator is a natural person, whose name and data are masked below.
    partyKind: party.party_type === 'person' ? 'natural_person' : 'organisation',
    partyName: party.name,
    partyCreditCode: party.credit_code,
    // The decision document's own number (文号) where the decision issued it; else the case's number.
    documentNumber: made.documentNumber ?? kase.case_number,
    decidedOn: made.decidedOn,
    title: `${kase.title}（${decisionOutcomes[made.outcome]}）`,
    summary,
    documentText: summary,
    // 公示规定 §13, §14: the period and the early end come from the decided sanctions, every one of them
    sanctions: made.sanctions.map((s) => publicitySanction(s, made.decidedOn)),
    personalRecords: {
      naturalPersons: parties.flatMap((p) => {
        const name =
          p.party_type === 'person'
            ? p.name
            : p.party_type === 'individual_business'
              ? p.operator_name
              : null;
        if (!name) return [];
        return [
          {
            name,
            ...(p.id_number ? { idNumber: p.id_number } : {}),
            ...(p.phone ? { phone: p.phone } : {}),
            ...(p.address ? { addresses: [p.address] } : {}),
          },
        ];
      }),
      organisations: parties
        .filter((p) => p.party_type !== 'person')
        .map((p) => ({ name: p.name, ...(p.credit_code ? { creditCode: p.credit_code } : {}) })),
    },
    autoMask: true,
  };
  await insertPublicationDraft(ctx, kase.agency_id, input);
};
