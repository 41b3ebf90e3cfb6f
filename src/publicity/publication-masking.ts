import { AppError } from '../platform/errors.ts';
import type { Row } from '../platform/db/schema.ts';
import { maskName, maskText } from './masking.rules.ts';
import { personalDataKindLabels, type PersonalRecords } from './personal-data.rules.ts';
import { describeFinding, guardFindings, type GuardFinding } from './publications.rules.ts';
import type { InternalRecords } from './publications.schema.ts';

/**
 * The masking of a publication's public texts (个人信息保护法 §13; 浙江 §7): what masking looks for in a
 * row's internal record, the masked texts of a draft, and the guard's refusal.
 */

type PublicationRow = Row<'publications'>;

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

export interface TextFields {
  partyName: string;
  title: string;
  summary: string;
  documentText: string;
}

/** The published texts: a natural person party as surname + 某某, every text masked by the record. */
export function maskedFields(fields: TextFields, partyKind: string, records: PersonalRecords): TextFields {
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
export function fullPartyName(row: RecordsOfRow): string {
  return row.personal_records.naturalPersons[0]?.name ?? row.party_name;
}

export function refuseFindings(
  findings: GuardFinding[],
  path = (f: GuardFinding) => `body.${f.field}`,
): never {
  throw new AppError('PUBLICATION_PERSONAL_DATA', {
    detail: `仍有 ${findings.length} 处个人信息未脱敏，请修改后再提交`,
    errors: findings.map((f) => ({
      path: path(f),
      message: describeFinding(f, personalDataKindLabels[f.kind]),
    })),
    extra: { findings },
  });
}
