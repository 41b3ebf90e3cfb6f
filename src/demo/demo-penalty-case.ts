import { Readable } from 'node:stream';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { daysAgo } from './demo-clock.ts';
import { principal } from './demo-principal.ts';
import { caseVersion, latestStepId, powerItemIdByCode } from './demo.store.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { chinaDate } from '../platform/clock.ts';
import { decide } from '../cases/case-decision.service.ts';
import { takeStep } from '../cases/case-step.take.ts';
import { createCase } from '../cases/case-open.service.ts';
import { caseInput, decisionInput, stepInput } from '../cases/cases.schema.ts';
import { issueDocument } from '../documents/document-issue.service.ts';
import { documentSettingsInput, writtenRecordInput } from '../documents/documents.schema.ts';
import { changeDocumentSettings } from '../documents/document-settings.service.ts';
import { takeWrittenRecord } from '../documents/written-records.service.ts';
import { caseFacts } from '../documents/case-facts.queries.ts';
import { chinaTimeText, prefillDocument } from '../documents/document-prefill.rules.ts';
import { sealPendingDocuments } from '../documents/document-seal.service.ts';
import { assembleCaseFile } from '../case-file/case-file.service.ts';
import { creditCodeCheckCharacter } from '../org/credit-code.rules.ts';
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

const AMOUNT_FEN = 7_000_000;
const TITLE = '未取得食品经营许可经营预包装食品案';
const CREDIT_BODY = '91430421MA4PDEM01';
const party = {
  type: 'organisation' as const,
  name: '衡阳县演示副食品批发部',
  creditCode: CREDIT_BODY + creditCodeCheckCharacter(CREDIT_BODY),
  legalRepresentative: '孙某某',
  phone: null,
  address: '衡阳县西渡镇演示街 8 号',
};
const FOOD_SAFETY_LAW = '中华人民共和国食品安全法';

/** What the investigation established, entered once at its conclusion (issue 12 item 4). */
const findings = (actEndedOn: string) =>
  proposalSchema.parse({
    facts: `当事人${party.name}未取得食品经营许可，自 2026 年 8 月起在衡阳县西渡镇演示街 8 号的经营场所销售预包装食品。本局执法人员检查时，其货架陈列待售的预包装食品共 32 种，货值金额共计人民币 4,860 元；当事人不能提供进货凭证，违法所得无法计算。当事人对上述事实无异议。`,
    evidence:
      '现场笔录及现场照片证明当事人在经营场所销售预包装食品、不能出示食品经营许可证；询问笔录证明当事人对违法事实及经营时间无异议；营业执照及法定代表人身份证明证明当事人的主体资格。',
    summary: '罚款人民币柒万元整（¥70,000.00）',
    measures: ['fine'],
    amountFen: AMOUNT_FEN,
    confiscationFen: 0,
    circumstance: 'general',
    discretionReason: '当事人系初次违法，违法经营的食品货值金额不足一万元，无从轻、减轻或者从重处罚的情节',
    violatedBases: [{ law: FOOD_SAFETY_LAW, article: '第三十五条第一款' }],
    legalBases: [{ law: FOOD_SAFETY_LAW, article: '第一百二十二条第一款' }],
    actEndedOn,
    placeRegionCode: '430421',
  });

/** Where the bureau's fines are paid and where its decisions may be challenged (all invented). */
const settings = documentSettingsInput.parse({
  payee: '衡阳县非税收入汇缴结算户',
  bank: '中国农业银行股份有限公司衡阳县支行',
  account: '1857 0101 0400 1234 5',
  paymentChannel: '凭缴款码通过湖南省非税收入电子缴款平台在线缴纳',
  reconsiderationBody: '衡阳县人民政府',
  court: '衡阳县人民法院',
  contact: '综合执法大队 张伟，电话 0734-6812345，地址 衡阳县西渡镇演示路 1 号',
  reason: '启用文书自动填写：罚没款缴纳账户、行政复议机关和管辖法院',
});

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

/** A signature as a pad draws it: a wavy stroke, different for each `seed`. */
function signaturePng(seed: number): string {
  return modulesPng(
    60,
    (x, y) => Math.abs(y - 10 - Math.round(4 * Math.sin((x + seed * 7) / (3 + seed)))) <= 0,
    2,
  ).toString('base64');
}

const photos = [
  { filename: '现场检查-货架全景.png', place: '衡阳县西渡镇演示街 8 号 营业场所' },
  { filename: '现场检查-在售预包装食品.png', place: '衡阳县西渡镇演示街 8 号 货架' },
  { filename: '现场检查-未公示许可证的墙面.png', place: '衡阳县西渡镇演示街 8 号 收银台' },
];

/**
 * What the demo needs to archive the case: the record log integrated (so documents can be sealed and the
 * case file assembled). Without it (tests on a bare database) the case stays closed, not archived.
 */
export interface DemoArchiving {
  integrate: () => Promise<void>;
}

/** Loads the complete penalty case (after the people, the power list and the other demo cases). */
export async function loadDemoPenaltyCase(
  deps: CommandDeps,
  blobs?: BlobStore,
  archiving?: DemoArchiving,
): Promise<void> {
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

  await changeDocumentSettings(daysAgo(deps, 90), head, settings, actor(head));
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

  const step = async (n: number, by: Principal, name: string, body: Record<string, unknown> = {}) => {
    const input = stepInput.parse({ version, on: on(n), ...body });
    version = (await takeStep(daysAgo(deps, n, 10), by, id, name, input, actor(by))).case.version;
  };

  // 程序规定: the agency head decides the filing; the step issues the 案件来源登记表 and 立案审批表.
  await step(61, head, 'file', { reason: '同意立案，由综合执法大队张伟、黄磊承办。' });

  const inspectionStart = daysAgo(deps, 58, 9, 30).clock.now();
  const inspectionEnd = daysAgo(deps, 58, 10, 40).clock.now();
  await step(58, second, 'investigate', {
    place: party.address,
    startedAt: inspectionStart.toISOString(),
    endedAt: inspectionEnd.toISOString(),
  });
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
      const captured = new Date(inspectionStart.getTime() + i * 600_000).toISOString();
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

  // The written records (笔录), filled from the case: officers with their certificates, times, notice.
  const facts = await caseFacts(deps.db, bureau, id);
  const officers = (facts?.officers ?? []).map((o) => ({
    name: o.name,
    certificateNumber: o.certificateNumber,
  }));
  const recordParties = [
    {
      kind: 'organisation' as const,
      name: party.name,
      creditCode: party.creditCode,
      legalRepresentative: party.legalRepresentative,
      address: party.address,
    },
  ];
  const record = async (
    n: number,
    fields: Record<string, string>,
    rows: { question: string; answer: string }[],
    type: 'on_site_record' | 'interview_record',
  ) => {
    const at = daysAgo({ ...deps, blobs: blobs! }, n, 11);
    if (blobs) {
      await takeWrittenRecord(
        at,
        second,
        writtenRecordInput.parse({
          type,
          subjectType: 'case',
          subjectId: id,
          parties: recordParties,
          officers,
          fields,
          rows,
          date: on(n),
          signatures: { party: { png: signaturePng(1) }, officers: [signaturePng(2), signaturePng(3)] },
          evidenceIds: type === 'on_site_record' ? evidenceIds : [],
        }),
      );
    } else {
      await runCommand(at, actor(second), (ctx) =>
        issueDocument(ctx, {
          agencyId: second.agencyId,
          type,
          subjectType: 'case',
          subjectId: id,
          data: { parties: recordParties, officers, fields, rows, date: on(n) },
        }),
      );
    }
  };
  const notice = facts ? prefillDocument('on_site_record', facts, on(58)).data.fields.notice! : '';
  await record(
    58,
    {
      time: chinaTimeText(inspectionStart),
      endTime: chinaTimeText(inspectionEnd),
      place: party.address,
      recorder: second.name,
      notice: `${notice}\n当事人法定代表人孙某某：看了你们的执法证件，不申请回避。`,
      present: '当事人法定代表人孙某某',
      content:
        '执法人员对当事人位于衡阳县西渡镇演示街 8 号的经营场所进行检查。该场所约 60 平方米，货架陈列待售的预包装食品（饼干、方便面、饮料等）共 32 种，标价销售；当事人现场不能出示食品经营许可证，经营场所未悬挂食品经营许可证。执法人员使用执法记录仪对检查过程拍照，清点在售食品并制作清单。',
      avEvidence: evidenceIds.length > 0 ? `执法记录仪 HYX-DSJ-0001 拍摄照片 ${evidenceIds.length} 张` : '',
    },
    [],
    'on_site_record',
  );
  const interviewStart = daysAgo(deps, 57, 14, 0).clock.now();
  const interviewEnd = daysAgo(deps, 57, 14, 50).clock.now();
  await record(
    57,
    {
      time: chinaTimeText(interviewStart),
      endTime: chinaTimeText(interviewEnd),
      place: '衡阳县市场监督管理局综合执法大队询问室',
      recorder: second.name,
      notice: `${notice}\n被询问人：不申请回避。`,
      interviewee: '孙某某，男，当事人法定代表人',
    },
    [
      {
        question: '你单位经营预包装食品，是否取得了食品经营许可证？',
        answer: '没有办，我以为卖包装好的东西不用办。',
      },
      { question: '你单位从什么时候开始经营预包装食品？', answer: '今年 8 月开始的。' },
      {
        question: '现场清点的 32 种食品货值多少？有无进货凭证？',
        answer: '按标价算大概四千八百多元，进货单据没有保存。',
      },
      { question: '以上所说是否属实？', answer: '属实。' },
    ],
    'interview_record',
  );

  // The investigation concludes with its report: the facts entered once (issue 12 item 4).
  await step(48, second, 'conclude_investigation', { findings: findings(on(58)) });

  // The review is submitted with the report as it stands: nothing typed again.
  const submitted = await submitReview(daysAgo(deps, 47), second, id);
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
  await step(44, second, 'notify', {
    proposedSanctions: [{ kind: 'fine', amountFen: AMOUNT_FEN }],
    rightsWaived: true,
  });

  const decided = await decide(
    daysAgo(deps, 42, 10),
    head,
    id,
    decisionInput.parse({
      version,
      on: on(42),
      outcome: 'penalty',
      sanctions: [{ kind: 'fine', amountFen: AMOUNT_FEN }],
      circumstance: 'general',
      discretionReason: '当事人系初次违法，违法经营的食品货值金额不足一万元，无从轻、减轻或者从重处罚的情节',
    }),
    actor(head),
  );
  version = decided.case.version;

  await step(41, second, 'serve', { serviceMethod: 'direct' });
  await step(30, second, 'record_payment', { amountFen: AMOUNT_FEN });
  await step(21, lead, 'close', { reason: '罚款已全额缴纳，处罚决定履行完毕，同意结案。' });

  if (!archiving || !blobs) return;
  // 行政处罚法 §47: the file is assembled once the log holds every document, then archived.
  const documentDeps = { ...daysAgo(deps, 20, 9), blobs };
  await archiving.integrate();
  await sealPendingDocuments(documentDeps);
  await assembleCaseFile(documentDeps, actor(lead), {
    agencyId: lead.agencyId,
    subjectType: 'case',
    subjectId: id,
    caseNumber: created.case.caseNumber,
  });
  await archiving.integrate();
  await sealPendingDocuments(documentDeps);
  await archiving.integrate();
  await step(20, lead, 'archive');
}
