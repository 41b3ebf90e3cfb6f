import type { CaseSanction } from '../cases/sanctions.rules.ts';
import type { DocumentSettingsJson } from './document-settings.rules.ts';
import type { Party } from './documents.schema.ts';

/**
 * What a case holds that its documents say (issue 12 item 1): read in one place
 * (case-facts.queries.ts), turned into each document's fields by document-prefill.rules.ts. Pure data.
 */
export interface OfficerFact {
  personId: string;
  name: string;
  /** The enforcement certificate valid for the case's field on the day (行政处罚法 §42, §55). */
  certificateNumber: string;
  lead: boolean;
}

export interface EventFact {
  step: string | null;
  action: string;
  on: string;
  at: Date;
  actorName: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  place: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface EvidenceFact {
  id: string;
  kind: string;
  filename: string | null;
  capturedOn: string | null;
  place: string | null;
}

export interface DocumentFact {
  id: string;
  type: string;
  number: string;
  date: string;
}

/** The facts as established: the investigation report's, then each review round's (one history). */
export interface Findings {
  facts: string;
  evidence: string;
  circumstance: string | null;
  discretionReason: string;
  legalBases: { law: string; article: string }[];
  violatedBases: { law: string; article: string }[];
  summary: string;
}

export interface ReviewFact {
  round: number;
  result: string | null;
  opinion: string | null;
  decidedOn: string | null;
  reviewerName: string | null;
  findings: { point: string; finding: string; note: string }[];
}

export interface PaymentFact {
  paidOn: string;
  amountFen: number;
  method: string;
}

export interface CaseFacts {
  agency: { id: string; name: string; shortName: string };
  settings: DocumentSettingsJson;
  kase: {
    id: string;
    kind: string;
    caseNumber: string;
    title: string;
    field: string;
    source: string;
    state: string;
    discoveredOn: string;
    filedOn: string | null;
    decidedOn: string | null;
    closedOn: string | null;
    outcome: string | null;
    amountFen: number | null;
    paidFen: number;
    proposedSanctions: CaseSanction[];
    sanctions: CaseSanction[];
    hearingRight: boolean | null;
    rightsWaived: boolean;
    circumstance: string | null;
    discretionReason: string | null;
  };
  item: { name: string; legalBases: { law: string; article: string; text?: string }[] } | null;
  parties: Party[];
  officers: OfficerFact[];
  events: EventFact[];
  evidence: EvidenceFact[];
  documents: DocumentFact[];
  findings: Findings | null;
  review: ReviewFact | null;
  payments: PaymentFact[];
}
