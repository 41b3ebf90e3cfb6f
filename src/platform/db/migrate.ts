import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import * as m0001 from './migrations/0001_org.ts';
import * as m0002 from './migrations/0002_record_log.ts';
import * as m0003 from './migrations/0003_records.ts';
import * as m0004 from './migrations/0004_log_lookup.ts';
import * as m0005 from './migrations/0005_powers.ts';
import * as m0006 from './migrations/0006_publications.ts';
import * as m0007 from './migrations/0007_cases.ts';
import * as m0008 from './migrations/0008_documents.ts';
import * as m0009 from './migrations/0009_service_guides.ts';
import * as m0010 from './migrations/0010_review.ts';
import * as m0011 from './migrations/0011_publication_search.ts';
import * as m0012 from './migrations/0012_sign_in_hardening.ts';
import * as m0013 from './migrations/0013_request_limits.ts';
import * as m0014 from './migrations/0014_log_staging_mac.ts';
import * as m0015 from './migrations/0015_receipt_numbers.ts';
import * as m0016 from './migrations/0016_agency_scope.ts';
import * as m0017 from './migrations/0017_case_sanctions.ts';
import * as m0018 from './migrations/0018_case_exits.ts';
import * as m0019 from './migrations/0019_case_payments.ts';
import * as m0020 from './migrations/0020_licensing_excluded_time.ts';
import * as m0021 from './migrations/0021_backstops_from_the_lists.ts';
import * as m0022 from './migrations/0022_agency_keys.ts';
import * as m0023 from './migrations/0023_document_settings.ts';
import * as m0024 from './migrations/0024_electronic_data.ts';
import * as m0025 from './migrations/0025_document_renderings.ts';
import * as m0026 from './migrations/0026_witness.ts';
import * as m0027 from './migrations/0027_county_push.ts';
import * as m0028 from './migrations/0028_push_outbox_subjects.ts';
import * as m0029 from './migrations/0029_county_portal_search.ts';
import * as m0030 from './migrations/0030_random_inspection.ts';

/** Every migration, in order. A new one is a new file here; applied ones are never edited. */
const migrations: Record<string, Migration> = {
  '0001_org': m0001,
  '0002_record_log': m0002,
  '0003_records': m0003,
  '0004_log_lookup': m0004,
  '0005_powers': m0005,
  '0006_publications': m0006,
  '0007_cases': m0007,
  '0008_documents': m0008,
  '0009_service_guides': m0009,
  '0010_review': m0010,
  '0011_publication_search': m0011,
  '0012_sign_in_hardening': m0012,
  '0013_request_limits': m0013,
  '0014_log_staging_mac': m0014,
  '0015_receipt_numbers': m0015,
  '0016_agency_scope': m0016,
  '0017_case_sanctions': m0017,
  '0018_case_exits': m0018,
  '0019_case_payments': m0019,
  '0020_licensing_excluded_time': m0020,
  '0021_backstops_from_the_lists': m0021,
  '0022_agency_keys': m0022,
  '0023_document_settings': m0023,
  '0024_electronic_data': m0024,
  '0025_document_renderings': m0025,
  '0026_witness': m0026,
  '0027_county_push': m0027,
  '0028_push_outbox_subjects': m0028,
  '0029_county_portal_search': m0029,
  '0030_random_inspection': m0030,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Brings the schema up to date; returns the names applied now. Throws on the first failure. Migrations run
 * without the agency-scope guard: a schema change or backfill is instance-wide by nature. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.withoutPlugins(),
    provider,
    migrationTableName: 'schema_migrations',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
