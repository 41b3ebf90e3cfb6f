/**
 * Document types that carry a case's decision: numbering one needs the passed review (S-14). The coercive
 * measure decision (行政强制法 §18) is not among them: it is a measure taken during the investigation, on the
 * head's approval, not the decision the legal review stands before. A summary-procedure decision is not
 * major under the default catalogue, so the gate lets it through unless a catalogue marks it.
 *
 * The one list: the gate (gate.service.ts) and the database's backstop (backstops.ts, generated into
 * migrations) both come from it.
 *
 * - `always`: numbered only once the case's decision is made or its review passed (the ordinary decisions:
 *   the default catalogue marks every decision but summary procedure).
 * - `when_major`: a summary decision, numbered without review unless the case is marked major (the case
 *   itself, or the major reasons its review recorded — what the database knows of the catalogue's verdict).
 */
export const decisionDocuments = {
  penalty_decision: 'always',
  no_penalty_decision: 'always',
  summary_penalty_decision: 'when_major',
} as const satisfies Record<string, 'always' | 'when_major'>;

export type DecisionDocumentType = keyof typeof decisionDocuments;

export const decisionDocumentTypes: ReadonlySet<string> = new Set(Object.keys(decisionDocuments));
