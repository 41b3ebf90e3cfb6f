import { sql, type Kysely } from 'kysely';

/**
 * Random inspection, 双随机、一公开 (issue 15; src/inspections/, docs/random-inspection.md). Every table is
 * the agency's own (agency_id):
 *
 * - `inspection_targets`: the directory of inspection targets (市场主体名录库, 国办发〔2015〕58号 (二)): one
 *   row per credit code, its current name, address, field and risk grade A–D (食品生产经营监督检查管理办法
 *   §21). A change is a new `inspection_target_events` row beside the update, never lost.
 * - `inspection_plans` and `inspection_tasks`: the yearly plan of tasks per random-inspection item, approved
 *   and published before it starts; a task cancelled is a new fact (`cancelled_at`, its reason), set once.
 * - `inspection_commitments`: the commitment of a task's draw, made at least 24 hours before it: the
 *   snapshot of eligible targets and inspectors, counts, recusals, its SHA-256, and which public random
 *   values (beacons) the draw will use. One per task; a row never changes.
 * - `inspection_beacons`: each beacon's value as entered later, with its source; one per position, never
 *   changed (a beacon entered twice is refused by the unique key, changed by the trigger).
 * - `inspection_draws`: the seed and the selection, one per commitment, never redone or changed.
 * - `inspection_assignments`: each drawn target with its two inspectors and the inspection case opened for
 *   it; the case's result and its publication deadline (20 working days, §39) are set once.
 *
 * Nothing here drops or changes existing data.
 */
const statements = [
  `create table inspection_targets (
    id uuid not null,
    agency_id uuid not null references agencies(id),
    credit_code text not null check (length(credit_code) = 18),
    name text not null check (length(name) between 1 and 200),
    address text not null check (length(address) <= 300),
    field text not null check (length(field) between 1 and 50),
    risk_grade text not null check (risk_grade in ('A', 'B', 'C', 'D')),
    active boolean not null default true,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (agency_id, credit_code),
    primary key (agency_id, id)
  )`,
  `create table inspection_target_events (
    id uuid not null,
    agency_id uuid not null references agencies(id),
    target_id uuid not null,
    action text not null check (action in ('added', 'edited', 'deactivated', 'reactivated')),
    changes jsonb not null,
    reason text,
    event_id uuid not null,
    actor_id uuid references people(id),
    at timestamptz not null,
    primary key (agency_id, id),
    foreign key (agency_id, target_id) references inspection_targets (agency_id, id)
  )`,
  `create index inspection_target_events_target on inspection_target_events(agency_id, target_id, at)`,
  `create table inspection_plans (
    id uuid not null,
    agency_id uuid not null references agencies(id),
    year integer not null check (year between 2000 and 2100),
    title text not null check (length(title) between 1 and 200),
    created_by uuid references people(id),
    created_at timestamptz not null,
    approved_by uuid references people(id),
    approved_on date,
    published_at timestamptz,
    unique (agency_id, year, title),
    primary key (agency_id, id)
  )`,
  `create table inspection_tasks (
    id uuid not null,
    agency_id uuid not null references agencies(id),
    plan_id uuid not null,
    power_item_id uuid not null,
    title text not null check (length(title) between 1 and 200),
    field text not null check (length(field) between 1 and 50),
    scope text not null check (length(scope) <= 500),
    quotas jsonb not null,
    starts_on date not null,
    ends_on date not null check (ends_on >= starts_on),
    joint_agencies jsonb not null,
    created_at timestamptz not null,
    cancelled_at timestamptz,
    cancelled_reason text,
    cancelled_by uuid references people(id),
    primary key (agency_id, id),
    foreign key (agency_id, plan_id) references inspection_plans (agency_id, id),
    foreign key (agency_id, power_item_id) references power_items (agency_id, id)
  )`,
  `create index inspection_tasks_plan on inspection_tasks(agency_id, plan_id)`,
  `create table inspection_commitments (
    id uuid not null,
    agency_id uuid not null references agencies(id),
    task_id uuid not null,
    algorithm text not null,
    commitment jsonb not null,
    commitment_sha256 text not null check (commitment_sha256 ~ '^[0-9a-f]{64}$'),
    beacon_sources jsonb not null,
    committed_at timestamptz not null,
    draw_not_before timestamptz not null,
    committed_by uuid references people(id),
    event_id uuid not null,
    primary key (agency_id, id),
    unique (agency_id, task_id),
    foreign key (agency_id, task_id) references inspection_tasks (agency_id, id)
  )`,
  `create table inspection_beacons (
    id uuid not null,
    agency_id uuid not null references agencies(id),
    commitment_id uuid not null,
    position integer not null check (position >= 0),
    value text not null check (length(value) between 1 and 500),
    source text not null check (length(source) between 1 and 500),
    entered_by uuid references people(id),
    entered_at timestamptz not null,
    event_id uuid not null,
    unique (agency_id, commitment_id, position),
    primary key (agency_id, id),
    foreign key (agency_id, commitment_id) references inspection_commitments (agency_id, id)
  )`,
  `create table inspection_draws (
    id uuid not null,
    agency_id uuid not null references agencies(id),
    commitment_id uuid not null,
    seed text not null check (seed ~ '^[0-9a-f]{64}$'),
    selection jsonb not null,
    drawn_by uuid references people(id),
    drawn_at timestamptz not null,
    event_id uuid not null,
    primary key (agency_id, id),
    unique (agency_id, commitment_id),
    foreign key (agency_id, commitment_id) references inspection_commitments (agency_id, id)
  )`,
  `create table inspection_assignments (
    id uuid not null,
    agency_id uuid not null references agencies(id),
    draw_id uuid not null,
    position integer not null check (position >= 0),
    target_id uuid not null,
    inspector_ids jsonb not null,
    case_id uuid,
    result text check (result in ('passed', 'problems', 'not_found', 'rectify', 'referred')),
    result_on date,
    result_summary text check (length(result_summary) <= 2000),
    result_by uuid references people(id),
    publish_due_on date,
    published_at timestamptz,
    published_by uuid references people(id),
    unique (agency_id, draw_id, position),
    primary key (agency_id, id),
    foreign key (agency_id, draw_id) references inspection_draws (agency_id, id),
    foreign key (agency_id, target_id) references inspection_targets (agency_id, id),
    foreign key (agency_id, case_id) references cases (agency_id, id)
  )`,
  `create index inspection_assignments_case on inspection_assignments(agency_id, case_id)`,
  ...['inspection_target_events', 'inspection_commitments', 'inspection_beacons', 'inspection_draws'].map(
    (table) => `create trigger ${table}_frozen before update or delete on ${table}
      for each row execute function record_log_frozen()`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
