import { Readable } from 'node:stream';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { principal } from './demo-principal.ts';
import { caseVersion, latestStepId, powerItemIdByCode } from './demo.store.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { chinaDate, type Clock } from '../platform/clock.ts';
import { decide } from '../cases/case-decision.service.ts';
import { takeStep } from '../cases/case-step.take.ts';
import { createCase } from '../cases/case-open.service.ts';
import { caseInput, decisionInput, stepInput } from '../cases/cases.schema.ts';
import type { DocumentType } from '../documents/document-types.ts';
import { issueDocument } from '../documents/document-issue.service.ts';
import type { DocumentDataInput } from '../documents/documents.schema.ts';
import { modulesPng } from '../documents/png.ts';
import type { BlobStore } from '../records/blob-store.ts';
import { uploadEvidence } from '../records/evidence.service.ts';
import { uploadQuery } from '../records/evidence.schema.ts';
import { registerRecorder } from '../records/recorders.service.ts';
import { recorderInput } from '../records/recorders.schema.ts';
import { points } from '../review/review.rules.ts';
import { decision as reviewDecision, proposal as proposalSchema } from '../review/review.schema.ts';
import { assignReviewer, concludeReview, submitReview } from '../review/review.service.ts';
import { demoReviewNotes } from './demo-reviews.ts';

/**
 * Issue 5 item 11: one complete ordinary-procedure penalty case of 衡阳县市场监督管理局, from lead to
 * archive, through the same services as the workbench (and bench/cases.bench.ts): created, filed,
 * investigated on site (three photos from a registered body camera, stored in the blob store, linked to
 * the investigation step), investigation concluded, reviewed and approved by the legal unit, notified (the
 * party waived its rights in writing), decided by the head, served, paid and closed — with the document of
 * each step issued for the case. Every command runs on its own past day (the clock set back, as in
 * demo-reviews.ts), so the case spans the last two months. Closed, its case file (cover, index, evidence
 * list, notes) is assembled from the workbench once the log has sealed its documents. The photos need the
 * blob store: without one (tests that load the demo into a bare database) the case is loaded without
 * them. Every name is invented.
 */

const DAY = 86_400_000;
const AMOUNT_FEN = 7_000_000;
const TITLE = '未取得食品经营许可经营预包装食品案';
const party = {
  type: 'organisation' as const,
  name: '衡阳县演示副食品批发部',
  creditCode: null,
  legalRepresentative: '孙某某',
  phone: null,
  address: '衡阳县西渡镇演示街 8 号',
};
const docParties = [{ kind: 'organisation' as const, name: party.name }];

/** The deps with the clock at `hour` China time `n` days ago: a command of that day. */
function daysAgo<D extends CommandDeps>(deps: D, n: number, hour = 9): D {
  const day = new Date(deps.clock.now().getTime() - n * DAY);
  const date = chinaDate(day);
  const at = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const clock: Clock = { now: () => at };
  return { ...deps, clock };
}

/** A small photo: a greyscale scene of shelves (rows of packages), different for each `seed`. */
function shelfPhoto(seed: number): Buffer {
  return modulesPng(
    48,
    (x, y) => {
      if (y % 12 === 11) return true; // the shelf boards
      const box = Math.floor(x / (5 + seed)) + Math.floor(y / 12) * 7 + seed;
      return x % (5 + seed) === 0 || (box % 3 === 0 && y % 12 > 2 && y % 12 < 9);
    },
    4,
  );
}

const photos = [
  { filename: '现场检查-货架全景.png', place: '衡阳县西渡镇演示街 8 号 营业场所' },
  { filename: '现场检查-在售预包装食品.png', place: '衡阳县西渡镇演示街 8 号 货架' },
  { filename: '现场检查-未公示许可证的墙面.png', place: '衡阳县西渡镇演示街 8 号 收银台' },
];

/** Loads the complete penalty case (after the people, the power list and the other demo cases). */
export async function loadDemoPenaltyCase(deps: CommandDeps, blobs?: BlobStore): Promise<void> {
  const lead = await principal(deps, '张伟');
  const second = await principal(deps, '黄磊');
  const head = await principal(deps, '刘建国');
  const reviewer = await principal(deps, '王志刚');
  const actor = (p: Principal) => ({
    personId: p.personId,
    agencyId: p.agencyId,
    via: 'system' as const,
    ip: null,
  });
  const bureau = ownAgency(lead.agencyId);
  const itemId = await powerItemIdByCode(deps.db, bureau, 'CF-001');
  const on = (n: number) => chinaDate(daysAgo(deps, n).clock.now());

  const created = await createCase(
    daysAgo(deps, 62),
    lead,
    caseInput.parse({
      kind: 'penalty_ordinary',
      title: TITLE,
      itemId,
      field: 'food',
      source: '投诉举报',
      discoveredOn: on(62),
      parties: [party],
      officerIds: [lead.personId, second.personId],
    }),
    actor(lead),
  );
  const id = created.case.id;
  let version = created.case.version;

  const document = async (n: number, by: Principal, type: DocumentType, data: DocumentDataInput = {}) => {
    const at = daysAgo(deps, n, 11);
    await runCommand(at, actor(by), (ctx) =>
      issueDocument(
        ctx,
        {
          agencyId: by.agencyId,
          type,
          subjectType: 'case',
          subjectId: id,
          data: { parties: docParties, amountFen: AMOUNT_FEN, date: on(n), ...data },
        },
        at,
      ),
    );
  };
  const step = async (n: number, by: Principal, name: string, body: Record<string, unknown> = {}) => {
    const input = stepInput.parse({ version, on: on(n), ...body });
    version = (await takeStep(daysAgo(deps, n, 10), by, id, name, input, actor(by))).case.version;
  };

  await step(61, head, 'file'); // 程序规定 §18: the agency head decides the filing
  await document(61, lead, 'filing_approval');

  await step(58, second, 'investigate', { place: party.address });
  const evidenceIds: string[] = [];
  if (blobs) {
    const at = daysAgo({ ...deps, blobs }, 58, 15);
    const camera = await registerRecorder(
      daysAgo(deps, 90),
      lead,
      recorderInput.parse({ serial: 'HYX-DSJ-0001', model: 'DSJ-V9 执法记录仪', kind: 'body_camera' }),
    );
    // The enforcement step the investigation recorded (its AV code, e.g. on-site inspection): the latest.
    const investigationId = await latestStepId(deps.db, bureau, 'case', id);
    for (const [i, p] of photos.entries()) {
      const bytes = shelfPhoto(i);
      const captured = new Date(at.clock.now().getTime() - (5 - i) * 3600_000).toISOString();
      const uploaded = await uploadEvidence(
        at,
        second,
        uploadQuery.parse({
          kind: 'photo',
          subjectType: 'case',
          subjectId: id,
          stepId: investigationId,
          recorderId: camera.id,
          officerIds: `${second.personId},${lead.personId}`,
          capturedFrom: captured,
          place: p.place,
          filename: p.filename,
        }),
        {
          stream: Readable.from([bytes]),
          mediaType: 'image/png',
          contentLength: bytes.length,
          contentDigestSha256: undefined,
        },
      );
      evidenceIds.push(uploaded.id);
    }
  }
  await document(58, second, 'on_site_record', {
    fields: {
      place: party.address,
      present: '当事人负责人孙某某',
      content: '营业场所货架陈列预包装食品 30 余种，现场未能出示食品经营许可证。',
      avEvidence: evidenceIds.length > 0 ? `执法记录仪拍摄照片 ${evidenceIds.length} 张` : '',
    },
    evidenceIds,
  });
  await document(57, second, 'interview_record');

  await step(48, second, 'conclude_investigation');
  await document(48, second, 'investigation_report');

  const proposal = proposalSchema.parse({
    facts: `当事人${party.name}未取得食品经营许可，在衡阳县西渡镇演示街 8 号经营预包装食品，违法所得经查无法计算；当事人对事实无异议。`,
    summary: `罚款 ${(AMOUNT_FEN / 100).toLocaleString('en')} 元`,
    measures: ['fine'],
    amountFen: AMOUNT_FEN,
    confiscationFen: 0,
    circumstance: 'general',
    legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条' }],
    actEndedOn: on(62),
    placeRegionCode: '430421',
  });
  const submitted = await submitReview(daysAgo(deps, 47), second, id, proposal);
  await assignReviewer(daysAgo(deps, 47), reviewer, submitted.id, reviewer.personId);
  await concludeReview(
    daysAgo(deps, 45),
    reviewer,
    submitted.id,
    reviewDecision.parse({
      result: 'approve',
      findings: points.map((point) => ({ point, finding: 'satisfied', note: demoReviewNotes[point] })),
      opinion: '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意。',
    }),
  );
  version = await caseVersion(deps.db, bureau, id);

  // The party waived its statement and hearing in writing (行政处罚法 §44, §45, §63), so the decision follows.
  await step(44, second, 'notify', { proposedAmountFen: AMOUNT_FEN, rightsWaived: true });
  await document(44, second, 'penalty_notice');

  const decided = await decide(
    daysAgo(deps, 42, 10),
    head,
    id,
    decisionInput.parse({
      version,
      on: on(42),
      outcome: 'penalty',
      amountFen: AMOUNT_FEN,
      circumstance: 'general',
    }),
    actor(head),
  );
  version = decided.case.version;
  await document(42, head, 'penalty_decision', {
    legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条' }],
  });

  await step(41, second, 'serve', { serviceMethod: 'direct' });
  await document(41, second, 'proof_of_service');

  await step(30, second, 'record_payment', { amountFen: AMOUNT_FEN });

  await step(21, lead, 'close');
  await document(21, lead, 'closing_approval');
}
