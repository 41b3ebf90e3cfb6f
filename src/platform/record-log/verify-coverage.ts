import { subjectTables } from './subject-tables.ts';
import { accountChecks } from './verify-accounts.ts';
import { historyTableNames } from './verify-history.ts';

/**
 * What `sanxiang verify` compares, and what it does not (issue 11 item 6). Every table of the schema is in
 * exactly one of the two lists; test/record-log/verify-coverage.test.ts reads the migrated schema and fails
 * naming any table in neither, so a new table that a command writes cannot escape verify unnoticed.
 *
 * `comparedTables` is made from the checks verify runs — the subject tables (verify-subjects.ts), the
 * accounts' tables (verify-accounts.ts) and the history tables (verify-history.ts) — so it cannot drift
 * from the code.
 */
export const comparedTables: readonly string[] = [
  ...new Set([...Object.values(subjectTables), ...Object.keys(accountChecks), ...historyTableNames]),
];

/**
 * Tables verify does not compare row by row with their records, each with the reason. A table a command
 * writes and records does not belong here: it is compared.
 */
export const notCompared: Readonly<Record<string, string>> = {
  schema_migrations: 'the migrations applied (migrate.ts): the schema itself, written by no command',
  kysely_migration_lock: "Kysely's lock while migrations run: the schema itself, written by no command",
  audit_events:
    'the record log itself: each row is rebuilt into its log entry and checked against the Merkle tree (verify-rows.ts, verify-tree.ts); every row without an entry is named; a trigger refuses update and delete (migration 0002)',
  log_entries:
    'the record log itself: its entries are the leaves of the Merkle tree, checked against the tiles, bundles and signed checkpoints (verify-tree.ts); a trigger lets only the index be set, once (migration 0002)',
  log_tiles:
    'the record log itself: rebuilt from the entries and compared (verify-tree.ts); a trigger lets a tile only grow (migration 0002)',
  log_entry_bundles:
    'the record log itself: rebuilt from the entries and compared (verify-tree.ts); a trigger lets a bundle only grow (migration 0002)',
  log_checkpoints:
    'the record log itself: the latest is verified with the log key and every stored one against the rebuilt root (verify.service.ts, verify-tree.ts); a trigger refuses update and delete (migration 0002)',
  log_entries_before_mac:
    'the record log itself: the entries staged before staging MACs existed, written once by migration; verify-staging.ts reads it to know which pending entries need no MAC',
  case_number_series:
    'a counter: the last case number given per agency and year; each number it gives is recorded in the case row (cases), which is compared',
  correction_number_series:
    'a counter: the last correction request number per agency and year; each number is recorded in its correction request (correction_requests), which is compared',
  document_number_sequences:
    'a counter: the next serial per agency, document type and year; each number is recorded in its issued document (issued_documents), which is compared',
  document_renderings:
    'a cache: the PDF rendering of a sealed .docx (case-file-renderings.service.ts), recorded as documents.rendered; a rendering, not a record — the .docx it renders is compared (issued_documents) and a trigger refuses update and delete (migration 0025)',
  log_cosignatures:
    "witnesses' cosignatures of this log's checkpoints (migration 0027): self-verifying, each line checked against the pinned witness key before it is stored and again by `sanxiang verify --witness-key`; not recorded, since recording one would make a log entry and so a new checkpoint to cosign, without end",
  push_deliveries:
    "the sender's journal of attempts to deliver a batch to the county platform (exchange/sender): operational, not recorded (each retry would otherwise make a log entry, a checkpoint and a checkpoint record to push); a trigger refuses update and delete (migration 0027)",
  push_outbox:
    "the county outbox (exchange/outbox): rows derived, in the command's own transaction, from the rows the command wrote (which are compared) and carrying its event (audit_event_id); the county checks each pushed record against that event's log entry; a trigger lets a row only gain its sequence, once (migration 0027)",
  push_receipts:
    "the county platform's signed receipts of acknowledged batches (exchange/sender): self-verifying, opened with the pinned receipt key before they are stored; a trigger refuses update and delete (migration 0027)",
  inspection_targets:
    'the random-inspection directory (migration 0030): each change is recorded (inspection.target_*, camelCase facts, not the row) and kept as a row of inspection_target_events; not yet compared row by row (a follow-up of issue 15)',
  inspection_target_events:
    'the history of each target beside its recorded event (event_id); a trigger refuses update and delete (migration 0030)',
  inspection_plans:
    'yearly plans (migration 0030): created, approved and published by recorded commands (inspection.plan_*); approval and publication are set once; not yet compared row by row (a follow-up of issue 15)',
  inspection_tasks:
    'the tasks of a plan (migration 0030), each added and cancelled by a recorded command (inspection.task_*); not yet compared row by row (a follow-up of issue 15)',
  inspection_commitments:
    "a draw's commitment (migration 0030): its SHA-256 and beacons named are in the record (inspection.draw_committed) and the commitment itself is self-verifying against that hash (sanxiang verify-draw); a trigger refuses update and delete",
  inspection_beacons:
    'the beacon values (migration 0030), each in its record (inspection.beacon_entered, value and source); a trigger refuses update and delete',
  inspection_draws:
    'the draw (migration 0030): seed and selection are in its record (inspection.draw_made) and re-computable from the published file by anyone (sanxiang verify-draw); a trigger refuses update and delete',
  inspection_assignments:
    'each drawn inspection (migration 0030): its case is compared (cases); the result and its publication are in their records (inspection.result_*) and set once; not yet compared row by row (a follow-up of issue 15)',
  rate_limit_counters:
    'a counter of requests per client and window for rate limits; no command writes it, nothing is recorded',
  sign_in_unknown_counts:
    'a counter of failed sign-ins with unknown usernames per address and hour (migration 0013); deliberately not recorded (sign-in.store.ts)',
};
