import { createCase } from '../src/cases/case-open.service.ts';
import { takeStep } from '../src/cases/case-step.take.ts';
import { stepInput } from '../src/cases/cases.schema.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { issueDocument } from '../src/documents/document-issue.service.ts';
import type { DocumentType } from '../src/documents/document-types.ts';
import { runCommand, systemActor } from '../src/platform/audit/command.ts';
import type { Principal } from '../src/platform/auth/principal.ts';
import { workingCalendar } from '../src/platform/calendar/calendar.service.ts';
import { chinaDate, type Clock } from '../src/platform/clock.ts';
import type { Db } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { loadReviewPackage } from '../src/review/package.queries.ts';
import type { Proposal } from '../src/review/package.ts';
import { runPrechecks } from '../src/review/prechecks/all.rules.ts';
import { percentile, withPGlite, withPostgres, type BenchDatabase } from './log-db.ts';
import { isInterrupted } from './processes.ts';
import { fixed, verdict, type Table } from './table.ts';
import { benchStagingKey } from './bench-staging-key.ts';
import { officerFields } from './document-fields.ts';

/**
 * Issue 6: the automatic pre-checks of a full case package, as a submission runs them — the package
 * loaded from the database (case, party, item version in force, every step with its officers'
 * certificates, AV evidence, issued documents), the working-day calendar read, then every pre-check —
 * one after another, after a warm-up. The case is a penalty case taken through filing, investigation and
 * its report by the cases service, with 40 AV files and 12 issued documents. Goal: p99 < 200 ms on
 * PostgreSQL.
 */
export interface ReviewPrechecksOptions {
  adminUrl: string;
  warmup: number;
  runs: number;
}

const GOAL_P99_MS = 200;
const EVIDENCE = 40;
/**
 * The documents issued beside the steps (the steps issue their own: 案件来源登记表 and 立案审批表 at filing,
 * the 调查终结报告 at its conclusion). The 法制审核意见书 is not among them: it is the reviewer's, filled from
 * the review's conclusion, and cannot be issued before the review it concludes.
 */
const DOCUMENTS: DocumentType[] = [
  'on_site_record',
  'interview_record',
  'interview_record',
  'evidence_extraction',
  'evidence_extraction',
  'advance_preservation_notice',
  'property_list',
  'order_to_correct',
];

const clock: Clock = { now: () => new Date('2026-11-28T02:00:00Z') };

async function principalOf(db: Db, username: string): Promise<Principal> {
  const row = await db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select(['accounts.id as account_id', 'people.id', 'people.agency_id', 'people.name'])
    .where('accounts.username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom('role_grants')
    .select('role')
    .where('person_id', '=', row.id)
    .where('revoked_at', 'is', null)
    .execute();
  return {
    accountId: row.account_id,
    personId: row.id,
    agencyId: row.agency_id,
    username,
    name: row.name,
    roles: new Set(roles.map((r) => r.role as Principal['roles'] extends ReadonlySet<infer R> ? R : never)),
    supervisedAgencyIds: new Set(),
    via: 'session',
    scopes: null,
    ip: null,
  };
}

/** A full penalty case ready for review; its id and agency. */
async function fullCase(db: Db): Promise<{ caseId: string; agencyId: string }> {
  // Decisions pass the review gate like everywhere else (src/cases runs it; none is taken here).
  const deps = { db, clock, staging: benchStagingKey };
  await loadDemo(deps);
  const head = await principalOf(db, 'zhangwei');
  const officer = await principalOf(db, 'huanglei');
  // 立案 is approved by the agency's head (机关负责人, penalty-ordinary.ts).
  const agencyHead = await principalOf(db, 'juzhang');
  const item = await db
    .selectFrom('power_items')
    .select('id')
    .where('code', '=', 'CF-001')
    .where('agency_id', '=', head.agencyId)
    .executeTakeFirstOrThrow();
  const created = await createCase(deps, head, {
    kind: 'penalty_ordinary',
    title: '涉嫌未取得食品经营许可从事食品经营',
    itemId: item.id,
    field: 'food',
    unitId: null,
    source: '投诉举报',
    discoveredOn: '2026-11-02',
    parties: [
      {
        type: 'organisation',
        name: '衡阳县某某食品商行',
        creditCode: null,
        legalRepresentative: '李某',
        phone: null,
        address: null,
      },
    ],
    officerIds: [head.personId, officer.personId],
  });
  const caseId = created.case.id;
  const steps: [Principal, string, string][] = [
    [agencyHead, 'file', '2026-11-03'],
    [officer, 'investigate', '2026-11-04'],
    [officer, 'conclude_investigation', '2026-11-10'],
  ];
  for (const [who, step, on] of steps) {
    const version = (
      await db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()
    ).version;
    // The investigation report's findings are the proposal the review package is then built with.
    // Its 相关证据 are written by the officer: the evidence is attached further down, after the steps.
    const findings =
      step === 'conclude_investigation'
        ? {
            findings: proposal,
            documents: {
              investigation_report: { fields: { evidence: '现场笔录、询问笔录、现场照片及视频' } },
            },
          }
        : {};
    await takeStep(
      deps,
      who,
      caseId,
      step,
      stepInput.parse({ version, on, place: '衡阳县西渡镇', ...findings }),
    );
  }
  const avStep = await db
    .selectFrom('enforcement_steps')
    .select(['id', 'started_at'])
    .where('subject_id', '=', caseId)
    .where('step', '=', 'evidence_collection')
    .executeTakeFirstOrThrow();
  await runCommand(deps, systemActor, async (ctx) => {
    for (let i = 0; i < EVIDENCE; i++) {
      const row = await ctx.trx
        .insertInto('evidence_files')
        .values({
          id: newId(),
          agency_id: head.agencyId,
          subject_type: 'case',
          subject_id: caseId,
          step: 'evidence_collection',
          step_id: avStep.id,
          kind: i % 4 === 0 ? 'video' : 'photo',
          media_type: i % 4 === 0 ? 'video/mp4' : 'image/jpeg',
          filename: `现场-${i + 1}.${i % 4 === 0 ? 'mp4' : 'jpg'}`,
          size: 1000 + i,
          sha256: i.toString(16).padStart(64, '0'),
          sm3: i.toString(16).padStart(64, '1'),
          officer_ids: JSON.stringify([head.personId, officer.personId]),
          captured_from: avStep.started_at,
          captured_to: new Date(avStep.started_at.getTime() + 60_000),
          full_process: false,
          interruptions: '[]',
          uploaded_by: officer.personId,
          uploaded_at: ctx.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await ctx.record({
        kind: 'records.evidence_uploaded',
        agencyId: head.agencyId,
        subjectType: 'evidence_file',
        subjectId: row.id,
        record: row,
      });
    }
    for (const type of DOCUMENTS) {
      await issueDocument(ctx, {
        agencyId: head.agencyId,
        type,
        subjectType: 'case',
        subjectId: caseId,
        data: {
          parties: [{ kind: 'organisation', name: '衡阳县某某食品商行' }],
          fields: { summary: '……', ...officerFields(type) },
        },
      });
    }
  });
  return { caseId, agencyId: head.agencyId };
}

const proposal: Proposal = {
  facts: '当事人未取得食品经营许可从事食品经营活动，货值 3,200 元。',
  summary: '没收违法经营的食品，罚款 70,000 元',
  measures: ['fine', 'confiscation'],
  amountFen: 7_000_000,
  confiscationFen: 320_000,
  circumstance: 'general',
  discretionReason: '',
  legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条' }],
  actEndedOn: '2026-10-30',
  lifeHealthOrFinancialHarm: false,
  placeRegionCode: '430421',
  socialImpact: false,
  complex: false,
};

interface Measured {
  target: string;
  runs: number;
  p50: number;
  p99: number;
  max: number;
  checks: number;
  steps: number;
  evidence: number;
  documents: number;
}

async function measure(
  target: string,
  bench: BenchDatabase,
  options: ReviewPrechecksOptions,
): Promise<Measured> {
  const db = bench.database.db;
  const { caseId, agencyId } = await fullCase(db);
  const once = async () => {
    const today = chinaDate(clock.now());
    const pkg = await loadReviewPackage(db, agencyId, caseId, proposal, today);
    const calendar = await workingCalendar(db);
    return { pkg, results: runPrechecks(pkg, { calendar, today }) };
  };
  for (let i = 0; i < options.warmup; i++) await once();
  const times: number[] = [];
  let last = await once();
  for (let i = 0; i < options.runs && !isInterrupted(); i++) {
    const start = performance.now();
    last = await once();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    target,
    runs: times.length,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times.at(-1) ?? Number.NaN,
    checks: last.results.length,
    steps: last.pkg.steps.length,
    evidence: last.pkg.evidence.length,
    documents: last.pkg.documents.length,
  };
}

export async function benchReviewPrechecks(options: ReviewPrechecksOptions): Promise<Table> {
  const rows: Measured[] = [];
  const notes: string[] = [];
  rows.push(await withPGlite((db) => measure('PGlite', db, options)));
  const pg = await withPostgres(options.adminUrl, 4, (db) => measure('PostgreSQL', db, options));
  if (typeof pg === 'string') notes.push(pg);
  else rows.push(pg);
  const onPg = rows.find((r) => r.target === 'PostgreSQL');
  if (onPg)
    notes.push(
      `goal (PostgreSQL): p99 < ${GOAL_P99_MS} ms: ${fixed(onPg.p99, 1)} ms ${verdict(onPg.p99 < GOAL_P99_MS)}`,
    );
  notes.push('one submission at a time: package from the database + working-day calendar + every pre-check');
  return {
    title: 'Review 1. pre-checks of a full case package (src/review/prechecks/, package.queries.ts)',
    columns: [
      { header: 'database' },
      { header: 'runs', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'max ms', align: 'right' },
      { header: 'checks', align: 'right' },
      { header: 'steps', align: 'right' },
      { header: 'AV files', align: 'right' },
      { header: 'documents', align: 'right' },
    ],
    rows: rows.map((r) => [
      r.target,
      String(r.runs),
      fixed(r.p50, 1),
      fixed(r.p99, 1),
      fixed(r.max, 1),
      String(r.checks),
      String(r.steps),
      String(r.evidence),
      String(r.documents),
    ]),
    notes,
  };
}
