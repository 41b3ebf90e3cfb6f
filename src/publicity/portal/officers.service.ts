import { ownAgency } from '../../platform/db/agency-scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { publicStateOn, type PublicCertificateState } from '../../org/certificate.rules.ts';
import { statusChangesOf } from '../../org/certificates.store.ts';
import { agenciesScope } from '../../platform/db/agency-scope.ts';
import {
  activeCertificates,
  certificatesByNumberUnscoped,
  type PublicCertificateRow,
} from './officers.store.ts';

/**
 * The officers in public (S-2.1, S-3): for each certified person only name, unit, post, fields,
 * certificate number and validity. Nothing else about a person (phone, account, roles) is ever selected.
 */
export interface PublicCertificate {
  number: string;
  personName: string;
  unitName: string | null;
  post: string;
  agencyId: string;
  agencyName: string;
  fields: string[];
  validFrom: string;
  validTo: string;
  state: PublicCertificateState;
}

export { fieldLabel } from '../../org/certificate.rules.ts';

type Row = PublicCertificateRow;

async function withStates(db: Db, rows: Row[], today: string): Promise<PublicCertificate[]> {
  if (rows.length === 0) return [];
  // each certificate's changes in its own agency (a number looked up may be any agency's)
  const changes = await statusChangesOf(
    db,
    agenciesScope([...new Set(rows.map((r) => r.agency_id))]),
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const statusChanges = changes.get(r.id) ?? [];
    return {
      number: r.number,
      personName: r.person_name,
      unitName: r.unit_name,
      post: r.post,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      fields: [...r.fields],
      validFrom: r.valid_from,
      validTo: r.valid_to,
      state: publicStateOn({ validFrom: r.valid_from, validTo: r.valid_to, statusChanges }, today),
    };
  });
}

/** The certificates of an agency's active people, by unit then name. */
export async function publicOfficers(db: Db, agencyId: string, today: string): Promise<PublicCertificate[]> {
  const rows = await activeCertificates(db, ownAgency(agencyId));
  return withStates(db, rows, today);
}

export async function publicCertificate(
  db: Db,
  number: string,
  today: string,
): Promise<PublicCertificate | undefined> {
  const rows = await certificatesByNumberUnscoped(db, number);
  return (await withStates(db, rows, today))[0];
}
