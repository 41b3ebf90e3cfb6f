import {
  agencyRecord,
  officerRecord,
  powerListVersionRecord,
  publicationRecord,
} from '../../exchange/push.schema.ts';
import { fieldLabel } from '../../publicity/portal/officers.service.ts';
import { publicCertificateLabels, type PublicCertificateState } from '../../org/certificate.rules.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  countyAgencyRows,
  currentOfficerRows,
  currentPowerRow,
  currentPowerRows,
  hasCountyAgencies,
  powerSearchRows,
  publicationPageRows,
  publicationRow,
  type PublicationFilter,
} from './county-portal.queries.ts';
import type {
  CountyAgency,
  CountyCertificate,
  CountyOfficer,
  CountyPower,
  CountyPublication,
  SearchWhat,
} from './county-portal.schema.ts';
import type { ActionKind } from '../../powers/action-kinds.ts';

/**
 * The county portal (issue 14 item 4): every registered agency with what it pushed — its power list,
 * certified officers and publications — and a search across agencies. Everything read here was checked
 * against its schema and its record-log proof when it arrived (docs/county-push.md); it is parsed again on
 * the way out so a view is typed by the same schema the agency pushed under.
 */

export { hasCountyAgencies };

const details = agencyRecord.partial();

export async function countyAgencies(db: Db): Promise<CountyAgency[]> {
  const rows = await countyAgencyRows(db);
  return rows.map((r) => {
    const d = r.details ? details.parse(r.details) : {};
    return {
      id: r.id,
      name: r.name,
      creditCode: r.credit_code,
      remoteAgencyId: r.remote_agency_id,
      baseUrl: r.base_url,
      logOrigin: r.log_origin,
      registeredAt: r.registered_at.toISOString(),
      suspended: r.standing === 'suspended',
      shortName: d.shortName ?? null,
      level: d.level ?? null,
      kind: d.kind ?? null,
      regionCode: d.regionCode ?? null,
    };
  });
}

export async function countyAgency(db: Db, id: string): Promise<CountyAgency | undefined> {
  return (await countyAgencies(db)).find((a) => a.id === id);
}

/** What the agency pushed, with the agency it came from and its record-log index. */
interface Row {
  county_agency_id: string;
  content: unknown;
  log_index: number | null;
}

const powerOf = (r: Row, agencyName: string): CountyPower => ({
  ...powerListVersionRecord.parse(r.content),
  countyAgencyId: r.county_agency_id,
  agencyName,
  logIndex: r.log_index === null ? null : Number(r.log_index),
});

const publicationOf = (r: Row, agencyName: string): CountyPublication => ({
  ...publicationRecord.parse(r.content),
  countyAgencyId: r.county_agency_id,
  agencyName,
  logIndex: r.log_index === null ? null : Number(r.log_index),
});

export interface PowerFilter {
  q?: string | undefined;
  kind?: ActionKind | undefined;
}

/** An agency's power list: each item's latest pushed version, withdrawn ones left out; by code. */
export async function countyPowers(
  db: Db,
  agency: CountyAgency,
  filter: PowerFilter = {},
): Promise<CountyPower[]> {
  const q = filter.q?.trim().toLowerCase();
  return (await currentPowerRows(db, agency.id))
    .map((r) => powerOf(r, agency.name))
    .filter((p) => !filter.kind || p.kind === filter.kind)
    .filter((p) => !q || p.name.toLowerCase().includes(q) || p.code.toLowerCase().includes(q));
}

export async function countyPower(
  db: Db,
  agency: CountyAgency,
  itemId: string,
): Promise<CountyPower | undefined> {
  const row = await currentPowerRow(db, agency.id, itemId);
  return row && powerOf(row, agency.name);
}

/**
 * A certificate's public state on a date (org/certificate.rules.ts publicStateOn, from what was pushed): the
 * status the agency last pushed (a suspension or revocation it recorded), then the validity dates on the day.
 */
export function certificateStateOn(
  c: { status: 'valid' | 'suspended' | 'revoked'; validFrom: string; validTo: string },
  today: string,
): PublicCertificateState {
  if (c.status !== 'valid') return c.status;
  if (today < c.validFrom) return 'not_yet_valid';
  if (today > c.validTo) return 'expired';
  return 'valid';
}

/** An agency's certified officers: each person's latest record, active, with their certificates' states. */
export async function countyOfficers(db: Db, agency: CountyAgency, today: string): Promise<CountyOfficer[]> {
  return (await currentOfficerRows(db, agency.id)).map((r) => {
    const o = officerRecord.parse(r.content);
    return {
      id: o.id,
      name: o.name,
      post: o.post,
      unitName: o.unitName,
      certificates: o.certificates.map((c): CountyCertificate => {
        const state = certificateStateOn(c, today);
        return {
          number: c.number,
          fields: c.fields,
          fieldLabels: c.fields.map(fieldLabel),
          issuer: c.issuer,
          validFrom: c.validFrom,
          validTo: c.validTo,
          state,
          stateLabel: publicCertificateLabels[state],
        };
      }),
    };
  });
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Rows carrying `total` over the window; a page past the end asks once more for the total alone. */
async function paged<R extends Row & { total: number | string; agency_name: string }, T>(
  run: (f: PublicationFilter) => Promise<R[]>,
  f: PublicationFilter,
  map: (r: R) => T,
): Promise<Paged<T>> {
  const rows = await run(f);
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (!rows[0] && f.page > 1) {
    const first = await run({ ...f, page: 1, pageSize: 1 });
    total = first[0] ? Number(first[0].total) : 0;
  }
  return { items: rows.map(map), total, page: f.page, pageSize: f.pageSize };
}

/** Publications public today (not withdrawn, within their period), newest decision first. */
export async function countyPublications(
  db: Db,
  f: PublicationFilter,
  today: string,
): Promise<Paged<CountyPublication>> {
  return paged(
    (x) => publicationPageRows(db, x, today),
    f,
    (r) => publicationOf(r, r.agency_name),
  );
}

export async function countyPublication(
  db: Db,
  agency: CountyAgency,
  publicationId: string,
  today: string,
): Promise<CountyPublication | undefined> {
  const row = await publicationRow(db, agency.id, publicationId, today);
  return row && publicationOf(row, agency.name);
}

export interface CountySearch {
  q?: string | undefined;
  agencyId?: string | undefined;
  kind?: ActionKind | undefined;
  what: SearchWhat;
  page: number;
  pageSize: number;
}

/**
 * The search across agencies: publications by a fragment of the party's name, the document number or the
 * title; power-list items by a fragment of the name or the code; both narrowed by agency and kind.
 */
export async function searchCounty(db: Db, s: CountySearch, today: string) {
  const f: PublicationFilter = {
    q: s.q?.trim() || undefined,
    agencyId: s.agencyId,
    kind: s.kind,
    page: s.page,
    pageSize: s.pageSize,
  };
  const [publications, powers] = await Promise.all([
    s.what === 'powers' ? null : countyPublications(db, f, today),
    s.what === 'publications'
      ? null
      : paged(
          (x) => powerSearchRows(db, x),
          f,
          (r) => powerOf(r, r.agency_name),
        ),
  ]);
  return { publications, powers };
}
