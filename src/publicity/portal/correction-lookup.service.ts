import type { Db } from '../../platform/db/database.ts';
import { correctionsByReceiptUnscoped } from '../correction-requests.store.ts';

/** What a requester learns of their correction request on the portal: never another's. */
export interface CorrectionStatus {
  receiptNumber: string;
  agencyName: string;
  documentNumber: string;
  receivedOn: string;
  dueOn: string;
  status: 'open' | 'answered';
  answer: string | null;
  corrected: boolean | null;
}

const compact = (contact: string) =>
  contact
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toLowerCase();

/**
 * A correction request found by its receipt number (`GZ-2026-000123`) and the contact given with it.
 * Numbers are short and run in sequence, so the number alone would let anyone read others' answers: the
 * contact must match too (spaces, dashes and full-width digits aside). Numbers are per agency; the same
 * number and contact at two agencies shows both.
 */
export async function lookupCorrection(
  db: Db,
  receiptNumber: string,
  contact: string,
): Promise<CorrectionStatus[]> {
  const rows = await correctionsByReceiptUnscoped(db, receiptNumber);
  return rows
    .filter((r) => compact(r.requester_contact) === compact(contact))
    .map((r) => ({
      receiptNumber: r.receipt_number,
      agencyName: r.agency_name,
      documentNumber: r.document_number,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      status: r.status,
      answer: r.answer,
      corrected: r.corrected,
    }));
}
