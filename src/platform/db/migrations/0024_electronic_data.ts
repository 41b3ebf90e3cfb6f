import { sql, type Kysely } from 'kysely';

/**
 * Electronic data as a kind of evidence (issue 12 item 7; 行政处罚法 §46; src/records/electronic-data.rules.ts):
 * the kind check widened, and what the extraction record says of it — the original carrier, the way it was
 * extracted, the SHA-256 recorded at extraction, the time and place, and the extraction record itself (an
 * issued 证据提取单 of the same agency). The database keeps the rule the upload checks: electronic data
 * states its extraction, no other kind does, and its bytes are those whose digest was recorded.
 */
const statements = [
  `alter table evidence_files drop constraint evidence_files_kind_check`,
  `alter table evidence_files add constraint evidence_files_kind_check
    check (kind in ('photo','audio','video','scan','electronic_data'))`,
  `alter table evidence_files
    add column original_carrier text,
    add column extraction_method text,
    add column extraction_sha256 char(64) check (extraction_sha256 ~ '^[0-9a-f]{64}$'),
    add column extracted_at timestamptz,
    add column extraction_place text,
    add column extraction_document_id uuid`,
  `alter table evidence_files add constraint evidence_files_extraction_document_id_fkey
    foreign key (agency_id, extraction_document_id) references issued_documents (agency_id, id)`,
  `alter table evidence_files add constraint evidence_files_extraction_check check (
    case when kind = 'electronic_data'
      then original_carrier is not null and extraction_method is not null and extraction_sha256 is not null
        and extracted_at is not null and extraction_place is not null and extraction_sha256 = sha256
      else original_carrier is null and extraction_method is null and extraction_sha256 is null
        and extracted_at is null and extraction_place is null and extraction_document_id is null
    end)`,
  `create index evidence_files_extraction_document on evidence_files(extraction_document_id)
    where extraction_document_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
