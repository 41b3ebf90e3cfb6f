/**
 * The review package (送审材料, S-13): everything a reviewer and the automatic pre-checks look at, as plain
 * data. `package.queries.ts` builds it from the database; the pre-checks (prechecks/*.rules.ts) and the
 * review rules read it and nothing else, so they stay pure and testable with literals.
 */
import type { CaseSanction } from '../cases/sanctions.rules.ts';
import type { ActionKind } from '../powers/action-kinds.ts';
import type { BenchmarkRange, Circumstance } from '../powers/discretion.rules.ts';
import type { CertificateFacts } from '../org/certificate.rules.ts';
import type { AvFacts, ChecklistItem } from '../records/av-checklist.rules.ts';
import type { Measure, PartyType, Procedure } from './catalogue.rules.ts';

export interface PackageOfficer {
  personId: string;
  name: string;
  certificates: CertificateFacts[];
}

/** One step taken in the case (lead, filing, investigation, …), with its date and officers. */
export interface PackageStep {
  id: string;
  /** A step code: see prechecks/procedure.rules.ts `stepRanks` and records/av-checklist.rules.ts. */
  step: string;
  /** The legal date of the step, China time. */
  on: string;
  startedAt: Date;
  endedAt: Date | null;
  officers: PackageOfficer[];
  /** How a service was made (cases.schema.ts `serviceMethod`), when the step is a service. */
  method?: string | null;
}

export interface PackageLegalBasis {
  law: string;
  article: string;
  text: string;
  inForceFrom: string;
  inForceTo: string | null;
  /** The provision it amends or replaces, and whether it punishes less (行政处罚法 §37). */
  supersedes?: { law: string; article: string } | null;
  lighter?: boolean;
}

/** The enforcement item of the power list the case proceeds under, as the version in force on the act. */
export interface PackageItem {
  id: string;
  code: string;
  name: string;
  kind: ActionKind;
  agencyId: string;
  /** The published version in force on the date of the act, or null when none was. */
  version: number | null;
  withdrawn: boolean;
  /** The fields the item belongs to, when the power list states them (empty: not stated). */
  fields: string[];
  /**
   * The provisions of the version in force on the act and, where the item changed since, of the version in
   * force on the decision (the day of review), so that a newer, lighter provision can be applied (§37).
   */
  legalBases: PackageLegalBasis[];
  benchmarks: BenchmarkRange[];
}

export interface PackageDocument {
  id: string;
  /** A document type code (prechecks/documents.rules.ts names the required ones). */
  type: string;
  title: string;
  number: string | null;
  issuedOn: string | null;
}

export interface PackageEvidence extends AvFacts {
  label: string;
}

export interface ReviewPackage {
  caseId: string;
  caseNumber: string;
  agency: { id: string; name: string; regionCode: string };
  kind: ActionKind;
  procedure: Procedure;
  /** The enforcement field of the case (certificate.rules.ts codes). */
  field: string;
  /** The region code of where the act took place (6 digits or longer); null when not recorded. */
  placeRegionCode: string | null;
  party: { type: PartyType; name: string; idNumber: string | null };
  facts: string;
  act: {
    /** The day the violation ended (or was last seen continuing); the time bar runs from it (§36). */
    endedOn: string;
    /** The day the lead was found. */
    discoveredOn: string;
    /** Life, health or financial security touched with harmful results: 5 years, not 2 (§36). */
    lifeHealthOrFinancialHarm: boolean;
  };
  item: PackageItem | null;
  steps: PackageStep[];
  evidence: PackageEvidence[];
  avChecklist: readonly ChecklistItem[];
  proposed: {
    /** The sanctions proposed, as a list (absent in packages made before lists were proposed). */
    sanctions?: CaseSanction[];
    measures: Measure[];
    amountFen: number;
    confiscationFen: number;
    circumstance: Circumstance | null;
    discretionReason: string;
    legalBases: { law: string; article: string }[];
    summary: string;
  };
  /** A hearing held: its date and who chaired it. */
  hearing: { heldOn: string; chairId: string } | null;
  /** Approved extensions of the periods (程序规定 §18 lead verification; §60 decision). */
  extensions: { leadVerification: boolean; decision: boolean };
  socialImpact: boolean;
  complex: boolean;
  documents: PackageDocument[];
  /** The people who investigated the case (for recusal, 行政处罚法 §43). */
  investigatorIds: string[];
}

/**
 * What the officer states when submitting (the rest of the package comes from the case): the facts, the
 * proposed decision with its discretion reasoning and legal bases, and what the catalogue and the time bar
 * need to know about the act.
 */
export interface Proposal {
  facts: string;
  summary: string;
  /** The sanctions proposed (行政处罚法 §9); measures, amountFen and confiscationFen are derived from it. */
  sanctions?: CaseSanction[];
  measures: Measure[];
  amountFen: number;
  confiscationFen: number;
  circumstance: Circumstance | null;
  discretionReason: string;
  legalBases: { law: string; article: string }[];
  violatedBases?: { law: string; article: string }[];
  evidence?: string;
  actEndedOn: string;
  lifeHealthOrFinancialHarm: boolean;
  placeRegionCode: string | null;
  socialImpact: boolean;
  complex: boolean;
}

/** A package as stored in JSON: the same, with its instants as ISO strings. */
export type StoredPackage = Omit<ReviewPackage, 'steps' | 'evidence'> & {
  steps: (Omit<PackageStep, 'startedAt' | 'endedAt'> & { startedAt: string; endedAt: string | null })[];
  evidence: (Omit<PackageEvidence, 'capturedFrom' | 'capturedTo' | 'interruptions'> & {
    capturedFrom: string | null;
    capturedTo: string | null;
    interruptions: { stoppedAt: string; resumedAt: string; reason: string }[];
  })[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (s: string | null) => (s ? new Date(s) : null);

export function storePackage(p: ReviewPackage): StoredPackage {
  return {
    ...p,
    steps: p.steps.map((s) => ({ ...s, startedAt: s.startedAt.toISOString(), endedAt: iso(s.endedAt) })),
    evidence: p.evidence.map((e) => ({
      ...e,
      capturedFrom: iso(e.capturedFrom),
      capturedTo: iso(e.capturedTo),
      interruptions: e.interruptions.map((i) => ({
        stoppedAt: i.stoppedAt.toISOString(),
        resumedAt: i.resumedAt.toISOString(),
        reason: i.reason,
      })),
    })),
  };
}

export function loadPackage(p: StoredPackage): ReviewPackage {
  return {
    ...p,
    steps: p.steps.map((s) => ({ ...s, startedAt: new Date(s.startedAt), endedAt: date(s.endedAt) })),
    evidence: p.evidence.map((e) => ({
      ...e,
      capturedFrom: date(e.capturedFrom),
      capturedTo: date(e.capturedTo),
      interruptions: e.interruptions.map((i) => ({
        stoppedAt: new Date(i.stoppedAt),
        resumedAt: new Date(i.resumedAt),
        reason: i.reason,
      })),
    })),
  };
}
