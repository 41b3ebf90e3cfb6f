import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decide } from '../src/cases/case-decision.service.ts';
import { takeStep } from '../src/cases/case-step.take.ts';
import { decisionInput, stepInput } from '../src/cases/cases.schema.ts';
import { createCase } from '../src/cases/case-open.service.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import type { DocumentType } from '../src/documents/document-types.ts';
import { issueForPrincipal } from '../src/documents/document-issue.service.ts';
import type { DocumentsDeps } from '../src/documents/documents.service.ts';
import { issueInput } from '../src/documents/documents.schema.ts';
import { createPerson } from '../src/org/people.service.ts';
import { localBlobStore } from '../src/records/blob-store.ts';
import { personInput } from '../src/org/org.schema.ts';
import type { CommandDeps } from '../src/platform/audit/command.ts';
import type { Principal } from '../src/platform/auth/principal.ts';
import { chinaDate, systemClock } from '../src/platform/clock.ts';
import type { Db } from '../src/platform/db/database.ts';
import { startIntegrator } from '../src/platform/record-log/integrator-loop.ts';
import { points } from '../src/review/review.rules.ts';
import { assignReviewer, concludeReview, submitReview } from '../src/review/review.service.ts';
import { decision as reviewDecision, proposal as proposalSchema } from '../src/review/review.schema.ts';
import { cpuSpent } from './pg-cpu.ts';
import { benchKey, percentile, withPostgres, type BenchDatabase } from './log-db.ts';
import { isInterrupted } from './processes.ts';
import { fixed, verdict, type Table } from './table.ts';
import { benchStagingKey } from './bench-staging-key.ts';
import { officerFields } from './document-fields.ts';

/**
 * Issue 5, figure 1: `officers` concurrent loops on PostgreSQL, each a pair of certified officers of its
 * own, each creating a penalty case (ordinary procedure) and taking it through 10 steps of its lifecycle,
 * each step followed by a document issued for the case — the same service functions the HTTP routes call
 * (createCase, takeStep, decide, issueForPrincipal; the review's submitReview / assignReviewer /
 * concludeReview), in process like log-append.bench.ts, each one command (one transaction via runCommand).
 *
 * The 10 steps: file, investigate, conclude_investigation, submit_review and pass_review (through the real
 * legal review: submitted by the officer, assigned to and approved by the legal unit's reviewer — the
 * assignment is one more command), notify (the party waives its rights in writing, so the decision may
 * follow the same day), decide (after the review gate), serve, record_payment, close. Every step is dated
 * today (the review's steps take today's date). A case is 1 + 10 + 9 + 1 = 21 commands: a document after
 * every step but the submission (the review form follows the conclusion).
 *
 * The integrator loop runs beside, as in `sanxiang serve` (nudged after each commit); the documents'
 * sealing (step 2 of issuing, .docx rendering) is not run: it is measured by `BENCH_ONLY=documents`.
 */
export interface CasesOptions {
  officers: number;
  warmupSeconds: number;
  durationSeconds: number;
  adminUrl: string;
}

const GOAL_PER_SEC = 500;
const GOAL_P99_MS = 100;
const AMOUNT_FEN = 7_000_000;

const party = {
  type: 'organisation',
  name: '衡阳县某某食品商行',
  creditCode: null,
  legalRepresentative: '李某',
  phone: null,
  address: null,
};
const docParties = [{ kind: 'organisation' as const, name: '衡阳县某某食品商行' }];
const proposal = proposalSchema.parse({
  facts: '当事人未取得食品经营许可，在衡阳县西渡镇经营预包装食品。',
  summary: `罚款 ${AMOUNT_FEN / 100} 元`,
  measures: ['fine'],
  amountFen: AMOUNT_FEN,
  confiscationFen: 0,
  circumstance: 'general',
  legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条' }],
  actEndedOn: '2026-10-08',
  placeRegionCode: '430421',
});
const approval = reviewDecision.parse({
  result: 'approve',
  // A point the automatic pre-checks did not pass (the bench's case has no AV record) is found satisfied
  // only with a reason written: every point carries one.
  findings: points.map((point) => ({ point, finding: 'satisfied', note: '经审查卷宗材料，符合要求' })),
  opinion: '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意',
});

async function principalOf(db: Db, where: { username: string } | { personId: string }): Promise<Principal> {
  let q = db
    .selectFrom('people')
    .leftJoin('accounts', 'accounts.person_id', 'people.id')
    .select([
      'accounts.id as account_id',
      'accounts.username',
      'people.id',
      'people.agency_id',
      'people.name',
    ]);
  q =
    'username' in where
      ? q.where('accounts.username', '=', where.username)
      : q.where('people.id', '=', where.personId);
  const row = await q.executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom('role_grants')
    .select('role')
    .where('person_id', '=', row.id)
    .where('revoked_at', 'is', null)
    .execute();
  return {
    accountId: row.account_id ?? row.id,
    personId: row.id,
    agencyId: row.agency_id,
    username: row.username ?? row.name,
    name: row.name,
    roles: new Set(roles.map((r) => r.role as Principal['roles'] extends ReadonlySet<infer R> ? R : never)),
    supervisedAgencyIds: new Set(),
    via: 'session',
    scopes: null,
    ip: null,
  };
}

interface Crew {
  lead: Principal;
  second: Principal;
}

/** The demo org and power list, and `n` pairs of certified food officers made by the people service. */
async function setUp(deps: CommandDeps, n: number) {
  await loadDemo(deps);
  const head = await principalOf(deps.db, { username: 'juzhang' });
  const reviewer = await principalOf(deps.db, { username: 'wangzg' });
  const admin = await principalOf(deps.db, { username: 'admin' });
  const item = await deps.db
    .selectFrom('power_items')
    .select('id')
    .where('code', '=', 'CF-001')
    .where('agency_id', '=', head.agencyId)
    .executeTakeFirstOrThrow();
  const crews: Crew[] = [];
  const officer = async (w: number, k: number, roles: string[]) => {
    const id = (
      await createPerson(
        deps,
        admin,
        personInput.parse({
          name: `压测${w}-${k}`,
          roles,
          certificates: [
            {
              number: `湘BENCH${String(w).padStart(3, '0')}${k}`,
              fields: ['food'],
              issuer: '湖南省人民政府',
              validFrom: '2025-01-01',
              validTo: '2030-12-31',
            },
          ],
        }),
      )
    ).id;
    return principalOf(deps.db, { personId: id });
  };
  for (let w = 0; w < n; w++) {
    crews.push({
      lead: await officer(w, 1, ['officer', 'unit_head']),
      second: await officer(w, 2, ['officer']),
    });
  }
  return { head, reviewer, itemId: item.id, crews };
}

type Kind = 'create' | 'step' | 'review' | 'document';

interface Row {
  commands: number;
  perSec: number;
  cases: number;
  p50: number;
  p99: number;
  max: number;
  byKind: Map<Kind, { n: number; p50: number; p99: number }>;
  errors: number;
  appCpu: number;
  dbCpu: number | undefined;
}

async function measure(bench: BenchDatabase, options: CasesOptions): Promise<Row> {
  const { db } = bench.database;
  const key = benchKey();
  let lastError: unknown;
  let errors = 0;
  const integrator = startIntegrator(
    { db, clock: systemClock, signers: key.signers, origin: key.origin, staging: benchStagingKey },
    {
      onError: (err) => {
        errors++;
        lastError = err;
      },
    },
  );
  // Issuing stores nothing in the blob store (sealing does): a temporary one, removed afterwards.
  const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-cases-'));
  const deps: DocumentsDeps = {
    db,
    clock: systemClock,
    staging: benchStagingKey,
    afterCommit: () => integrator.nudge(),
    blobs: localBlobStore(path.join(blobDir, 'blobs')),
  };
  try {
    const { head, reviewer, itemId, crews } = await setUp(deps, options.officers);
    const start = performance.now();
    const measureFrom = start + options.warmupSeconds * 1000;
    const end = measureFrom + options.durationSeconds * 1000;
    const took: Record<Kind, number[]> = { create: [], step: [], review: [], document: [] };
    let cases = 0;

    /** Runs one command, noting its latency when it lies wholly in the measured window. */
    const timed = async <T>(kind: Kind, fn: () => Promise<T>): Promise<T> => {
      const began = performance.now();
      const result = await fn();
      const at = performance.now();
      if (began >= measureFrom && at <= end) took[kind].push(at - began);
      return result;
    };

    const oneCase = async ({ lead, second }: Crew) => {
      const created = await timed('create', () =>
        createCase(deps, lead, {
          kind: 'penalty_ordinary',
          title: '涉嫌未取得食品经营许可从事食品经营',
          itemId,
          field: 'food',
          unitId: null,
          source: '投诉举报',
          discoveredOn: chinaDate(systemClock.now()),
          parties: [party] as never,
          officerIds: [lead.personId, second.personId],
        }),
      );
      const id = created.case.id;
      let version = created.case.version;
      const document = (
        by: Principal,
        type: DocumentType,
        fields: Record<string, string> = officerFields(type),
      ) =>
        timed('document', () =>
          issueForPrincipal(
            deps,
            by,
            issueInput.parse({
              type,
              subjectType: 'case',
              subjectId: id,
              data: { parties: docParties, fields, amountFen: AMOUNT_FEN },
            }),
          ),
        );
      const step = async (by: Principal, name: string, body: Record<string, unknown>, type: DocumentType) => {
        const res = await timed('step', () =>
          takeStep(deps, by, id, name, stepInput.parse({ version, ...body })),
        );
        version = res.case.version;
        await document(by, type);
      };
      // 立案 is approved by the agency's head (机关负责人, 《行政处罚法》第五十四条; penalty-ordinary.ts).
      await step(head, 'file', {}, 'filing_approval');
      await step(second, 'investigate', { place: '衡阳县西渡镇' }, 'on_site_record');
      await step(
        second,
        'conclude_investigation',
        // The investigation report's findings: the proposal the legal review is then submitted with.
        { findings: proposal },
        'investigation_report',
      );
      const submitted = await timed('review', () => submitReview(deps, second, id, proposal));
      // The review form is the reviewer's, issued once the review concludes (its 审核要点 and 审核意见
      // come from the conclusion: the documents service refuses it empty before).
      await timed('review', () => assignReviewer(deps, reviewer, submitted.id, reviewer.personId));
      await timed('review', () => concludeReview(deps, reviewer, submitted.id, approval));
      await document(reviewer, 'legal_review_form');
      version = (
        await db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()
      ).version;
      await step(second, 'notify', { proposedAmountFen: AMOUNT_FEN, rightsWaived: true }, 'penalty_notice');
      const decided = await timed('step', () =>
        decide(
          deps,
          head,
          id,
          decisionInput.parse({
            version,
            outcome: 'penalty',
            amountFen: AMOUNT_FEN,
            circumstance: 'general',
          }),
        ),
      );
      version = decided.case.version;
      await document(head, 'penalty_decision');
      await step(
        second,
        'serve',
        // The step issues its 送达回证 itself; the place of service is the officer's to write.
        { serviceMethod: 'direct', documents: { proof_of_service: { fields: { place: '当事人经营场所' } } } },
        'proof_of_service',
      );
      await step(second, 'record_payment', { amountFen: AMOUNT_FEN }, 'case_file_notes');
      await step(lead, 'close', {}, 'closing_approval');
      if (performance.now() <= end) cases++;
    };

    const officer = async (crew: Crew) => {
      while (performance.now() < end && !isInterrupted()) {
        try {
          await oneCase(crew);
        } catch (err) {
          errors++;
          lastError = err;
          if (errors > 50) throw err;
        }
      }
    };
    const cpu: { app?: number; db?: number } = {};
    const cpuWindow = (async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, measureFrom - performance.now())));
      const appBefore = process.cpuUsage();
      const dbBefore = await bench.dbCpu?.();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - performance.now())));
      const app = process.cpuUsage(appBefore);
      cpu.app = app.user + app.system;
      const dbAfter = await bench.dbCpu?.();
      if (dbBefore && dbAfter) cpu.db = cpuSpent(dbBefore, dbAfter);
    })();
    await Promise.all([cpuWindow, ...crews.map((c) => officer(c))]);

    const sorted = (xs: number[]) => Float64Array.from(xs).sort();
    const all = sorted(Object.values(took).flat());
    const byKind = new Map<Kind, { n: number; p50: number; p99: number }>();
    for (const kind of Object.keys(took) as Kind[]) {
      const s = sorted(took[kind]);
      byKind.set(kind, { n: s.length, p50: percentile(s, 0.5), p99: percentile(s, 0.99) });
    }
    if (errors > 0) console.error(`cases: ${errors} errors; the last:`, lastError);
    return {
      commands: all.length,
      perSec: all.length / options.durationSeconds,
      cases,
      p50: percentile(all, 0.5),
      p99: percentile(all, 0.99),
      max: all.at(-1) ?? Number.NaN,
      byKind,
      errors,
      appCpu: (cpu.app ?? Number.NaN) / all.length,
      dbCpu: cpu.db === undefined ? undefined : cpu.db / all.length,
    };
  } finally {
    await integrator.stop();
    fs.rmSync(blobDir, { recursive: true, force: true });
  }
}

const ms = (v: number): string => fixed(v, 1);

export async function benchCases(options: CasesOptions): Promise<Table> {
  const notes: string[] = [];
  // The server's pool size (openPostgres' default, as `sanxiang serve` uses it).
  const result = await withPostgres(options.adminUrl, 10, (bench) => measure(bench, options));
  const rows: string[][] = [];
  if (typeof result === 'string') notes.push(result);
  else {
    rows.push([
      'all',
      String(result.commands),
      fixed(result.perSec, 0),
      ms(result.p50),
      ms(result.p99),
      ms(result.max),
      fixed(result.appCpu, 0),
      result.dbCpu === undefined ? '-' : fixed(result.dbCpu, 0),
      String(result.errors),
    ]);
    for (const [kind, k] of result.byKind) {
      rows.push([
        `  ${kind}`,
        String(k.n),
        fixed(k.n / options.durationSeconds, 0),
        ms(k.p50),
        ms(k.p99),
        '',
        '',
        '',
        '',
      ]);
    }
    notes.push(
      `goal (PostgreSQL): >= ${GOAL_PER_SEC} commands/s: ${fixed(result.perSec, 0)} ${verdict(result.perSec >= GOAL_PER_SEC)}; ` +
        `p99 < ${GOAL_P99_MS} ms: ${ms(result.p99)} ms ${verdict(result.p99 < GOAL_P99_MS)}`,
      `${result.cases} cases completed in the measured window (21 commands each)`,
    );
  }
  notes.push(
    `${options.officers} officers in one process (each its own pair of certified officers), each looping: createCase, then 10 steps of`,
    'penalty_ordinary (file, investigate, conclude_investigation, submit_review + pass_review through the legal review',
    '[submitReview, assignReviewer, concludeReview], notify with rights waived, decide, serve, record_payment, close),',
    'each step followed by issueForPrincipal (a document, as POST /documents); the service functions the routes call;',
    `${options.warmupSeconds} s warm-up, ${options.durationSeconds} s measured; "review" = the review's 3 commands; integrator as in`,
    '`sanxiang serve` in the same process; documents are issued (numbered, recorded), not sealed (.docx: BENCH_ONLY=documents);',
    'PostgreSQL: pool of 10; "app CPU": this process; "PG CPU": the bench database\'s backends',
  );
  return {
    title: `Cases 1. ${options.officers} officers: a penalty case created and taken through 10 steps, each with a document`,
    columns: [
      { header: 'commands' },
      { header: 'count', align: 'right' },
      { header: 'commands/s', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'max ms', align: 'right' },
      { header: 'app CPU us/cmd', align: 'right' },
      { header: 'PG CPU us/cmd', align: 'right' },
      { header: 'errors', align: 'right' },
    ],
    rows,
    notes,
  };
}
