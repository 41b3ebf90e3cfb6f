import type { Db } from '../../platform/db/database.ts';
import {
  enforcementFields,
  publicStateOn,
  type PublicCertificateState,
} from '../../org/certificate.rules.ts';
import { statusChangesOf } from '../../org/certificates.service.ts';

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

export const fieldLabel = (code: string): string =>
  (enforcementFields as Record<string, string>)[code] ?? code;

function publicCertificates(db: Db) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      'c.id',
      'c.number',
      'c.fields',
      'c.valid_from',
      'c.valid_to',
      'c.agency_id',
      'a.name as agency_name',
      'p.name as person_name',
      'p.post',
      'u.name as unit_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof publicCertificates>['execute']>>[number];

async function withStates(db: Db, rows: Row[], today: string): Promise<PublicCertificate[]> {
  if (rows.length === 0) return [];
  const changes = await statusChangesOf(
    db,
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
  const rows = await publicCertificates(db)
    .where('c.agency_id', '=', agencyId)
    .where('p.active', '=', true)
    .orderBy('u.name')
    .orderBy('p.name')
    .orderBy('c.number')
    .execute();
  return withStates(db, rows, today);
}

export async function publicCertificate(
  db: Db,
  number: string,
  today: string,
): Promise<PublicCertificate | undefined> {
  const rows = await publicCertificates(db).where('c.number', '=', number).execute();
  return (await withStates(db, rows, today))[0];
}
