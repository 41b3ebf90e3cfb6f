import { noticeRightsText } from '../cases/notice.rules.ts';
import { publishedSanctions, type CaseSanction } from '../cases/sanctions.rules.ts';
import { amountKinds, termKinds, termText } from '../cases/sanctions.rules.ts';
import { sanctionKindLabels } from '../cases/hearing-right.rules.ts';
import { circumstanceLabels, type Circumstance } from '../powers/discretion.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import type { CaseFacts, EventFact, OfficerFact } from './case-facts.ts';
import { documentSettingLabels, type DocumentSettingsJson } from './document-settings.rules.ts';
import { specOf, type DocumentType } from './document-types.ts';
import type { DocumentData } from './documents.schema.ts';
import { chineseDate, yuanText, yuanUpper } from './format.rules.ts';

/**
 * A document filled from its case (issue 12 item 1): for each type, the text of every field the case can
 * say, in the wording of the 2021 SAMR format (市场监督管理行政执法文书格式范本), with the party, the
 * officers and their certificates, the bases and the amount. The officer edits any of it before issuing
 * (document-issue.service.ts records what was edited); a field the case cannot fill stays empty, and the
 * issue is refused naming it. `needs` names a field whose draft the officer must complete (e.g. how a
 * statement was taken: the case knows it was made, not what was decided of it). Pure.
 */
export interface Prefill {
  data: Omit<DocumentData, 'signatures' | 'evidenceIds' | 'edited'>;
  /** Fields to complete, with why (the error names them if the officer leaves the draft as it is). */
  needs: Record<string, string>;
}

const LAW = '《中华人民共和国行政处罚法》';

const bases = (list: readonly { law: string; article: string }[]) =>
  list.map((b) => `《${b.law.replace(/^《|》$/g, '')}》${b.article}`).join('、');

const fmtTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as a record says it, in China time: 2026年10月3日 15时05分. */
export function chinaTimeText(at: Date): string {
  const [h, m] = fmtTime.format(at).split(':');
  return `${chineseDate(chinaDate(at))} ${h}时${m}分`;
}

const serviceMethodLabels: Record<string, string> = {
  on_the_spot: '当场交付',
  direct: '直接送达',
  mail: '邮寄送达',
  electronic: '电子送达',
  left_at_address: '留置送达',
  public_notice: '公告送达',
};

const evidenceKindLabels: Record<string, string> = {
  photo: '照片',
  audio: '录音',
  video: '录像',
  scan: '书证扫描件',
  electronic_data: '电子数据',
};

/** The documents that are evidence (written records and extraction forms): listed among the evidence. */
const evidenceDocuments = new Set([
  'on_site_record',
  'interview_record',
  'evidence_extraction',
  'statement_record',
  'hearing_record',
  'property_list',
]);

/** One sanction as the decision states it: 罚款人民币柒万元整（¥70,000.00）. */
export function sanctionLine(s: CaseSanction): string {
  const label = sanctionKindLabels[s.kind];
  if (amountKinds.has(s.kind) && s.amountFen) {
    const what = s.kind === 'fine' ? '罚款' : '没收违法所得、非法财物，价值';
    return `${what}人民币${yuanUpper(s.amountFen)}（¥${yuanText(s.amountFen)}）`;
  }
  if (termKinds.has(s.kind) && termText(s)) return `${label}${s.lifelong ? '（终身）' : termText(s)}`;
  return label;
}

const numbered = (lines: readonly string[]) =>
  lines.length === 1 ? lines[0]! : lines.map((l, i) => `${i + 1}. ${l}`).join('；\n');

const lastEvent = (facts: CaseFacts, step: string): EventFact | undefined =>
  [...facts.events].reverse().find((e) => e.step === step);

const officerNames = (officers: readonly OfficerFact[]) => officers.map((o) => o.name).join('、');

const officerCertificates = (officers: readonly OfficerFact[]) =>
  officers.map((o) => `${o.name}（执法证号：${o.certificateNumber}）`).join('、');

const partyName = (facts: CaseFacts) => facts.parties[0]?.name ?? '';

const documentOf = (facts: CaseFacts, type: string) =>
  [...facts.documents].reverse().find((d) => d.type === type);

/** The evidence of the case, one line each: the written records by number, then the files by kind. */
export function evidenceLines(facts: CaseFacts): string[] {
  const records = facts.documents
    .filter((d) => evidenceDocuments.has(d.type))
    .map((d) => `${specOf(d.type as DocumentType).title}（${d.number}，${chineseDate(d.date)}）`);
  const byKind = new Map<string, { count: number; places: Set<string>; first: string | null }>();
  for (const e of facts.evidence) {
    const entry = byKind.get(e.kind) ?? { count: 0, places: new Set<string>(), first: e.capturedOn };
    entry.count += 1;
    if (e.place) entry.places.add(e.place);
    byKind.set(e.kind, entry);
  }
  const files = [...byKind.entries()].map(
    ([kind, e]) =>
      `${e.first ? `${chineseDate(e.first)}` : ''}取得的${evidenceKindLabels[kind] ?? kind} ${e.count} ${kind === 'photo' ? '张' : '份'}${e.places.size > 0 ? `（${[...e.places].join('；')}）` : ''}`,
  );
  return [...records, ...files];
}

/** The evidence listed, then what it proves as the investigation report states it. */
function evidenceText(facts: CaseFacts): string {
  const lines = evidenceLines(facts);
  const stated = facts.findings?.evidence.trim() ?? '';
  if (lines.length === 0) return stated;
  return `${numbered(lines)}${stated ? `。\n${stated.replace(/[。；]$/, '')}` : ''}`;
}

function discretionText(facts: CaseFacts): string {
  const circumstance = (facts.kase.circumstance ?? facts.findings?.circumstance) as Circumstance | null;
  const reason = facts.kase.discretionReason ?? facts.findings?.discretionReason ?? '';
  const label = circumstance ? circumstanceLabels[circumstance] : '';
  if (!label && !reason) return '';
  const item = facts.item ? `依照本局公布的《${facts.item.name}》裁量基准，` : '';
  return `${reason ? `${reason.replace(/[。；]$/, '')}，` : ''}${item}${label ? `属于${label}情形` : ''}。`;
}

const violatedBases = (facts: CaseFacts) => facts.findings?.violatedBases ?? [];
const penaltyBases = (facts: CaseFacts) =>
  facts.findings && facts.findings.legalBases.length > 0
    ? facts.findings.legalBases
    : (facts.item?.legalBases ?? []);

/** What the settings lack for a sentence, named as the settings page names them. */
function missing(settings: DocumentSettingsJson, keys: (keyof DocumentSettingsJson)[]): string | null {
  const empty = keys.filter((k) => settings[k].trim() === '');
  return empty.length === 0 ? null : empty.map((k) => documentSettingLabels[k]).join('、');
}

/** 行政处罚法 §67 ¶3, §72 (一): payment within 15 days of service, where, and the 3% a day for lateness. */
export function paymentText(facts: CaseFacts, sanctions: readonly CaseSanction[]): string {
  const fine = sanctions.find((s) => s.kind === 'fine' || s.kind === 'confiscation');
  if (!fine) return '本决定自送达之日起生效，当事人应当自觉履行。';
  const s = facts.settings;
  if (missing(s, ['payee', 'bank', 'account'])) return '';
  const channel = s.paymentChannel.trim() ? `，也可以${s.paymentChannel.trim().replace(/[。；]$/, '')}` : '';
  return `当事人应当自收到本决定书之日起十五日内，将罚没款缴至${s.payee}（开户银行：${s.bank}；账号：${s.account}）${channel}。到期不缴纳罚款的，本局可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（${LAW}第六十七条、第七十二条）。`;
}

/** 行政复议法 §20 (60 days), 行政诉讼法 §46 (6 months), 行政处罚法 §73 (no suspension). */
export function remediesText(settings: DocumentSettingsJson): string {
  if (missing(settings, ['reconsiderationBody', 'court'])) return '';
  return `当事人如对本决定不服，可以在收到本决定书之日起六十日内向${settings.reconsiderationBody}申请行政复议；也可以在收到本决定书之日起六个月内直接向${settings.court}提起行政诉讼（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。申请行政复议或者提起行政诉讼的，本决定不停止执行，法律另有规定的除外（${LAW}第七十三条）。`;
}

/** 公示规定 §8: the party is told in writing, when served, that the decision will be published. */
export function publicityText(sanctions: readonly CaseSanction[]): string {
  return publishedSanctions(sanctions)
    ? '本局将依照《市场监督管理行政处罚信息公示规定》，通过国家企业信用信息公示系统向社会公示本行政处罚决定信息。'
    : '';
}

function investigationText(facts: CaseFacts): string {
  const checks = facts.events
    .filter((e) => e.step === 'investigate')
    .map((e) => `${chineseDate(e.on)}${e.place ? `在${e.place}` : ''}进行了现场检查`);
  const records = facts.documents
    .filter((d) => evidenceDocuments.has(d.type))
    .map((d) => specOf(d.type as DocumentType).title);
  const made = [...new Set(records)];
  return [
    checks.length > 0 ? `本局执法人员${officerNames(facts.officers)}于${checks.join('，')}` : '',
    made.length > 0 ? `制作了${made.join('、')}` : '',
    facts.evidence.length > 0 ? `依法取得证据 ${facts.evidence.length} 份` : '',
  ]
    .filter(Boolean)
    .join('，');
}

function sourceText(facts: CaseFacts): string {
  const filed = facts.kase.filedOn ? `本局于${chineseDate(facts.kase.filedOn)}依法立案调查` : '';
  const process = investigationText(facts);
  return `本局于${chineseDate(facts.kase.discoveredOn)}通过${facts.kase.source}发现当事人涉嫌${facts.kase.title.replace(/案$/, '')}一案。${filed}${process ? `，${process}` : ''}。`;
}

/** 行政处罚法 §44, §45, §63, §64: what the party said, or that it waived its rights, and how it was taken. */
function statementText(facts: CaseFacts): { text: string; needsAdoption: boolean } {
  const notice = documentOf(facts, 'penalty_notice');
  const notified = lastEvent(facts, 'notify');
  if (!notified) return { text: '', needsAdoption: false };
  const told = `本局于${chineseDate(notified.on)}向当事人送达了《行政处罚告知书》${notice ? `（${notice.number}）` : ''}，告知当事人拟作出行政处罚的事实、理由、依据及其依法享有的陈述、申辩${facts.kase.hearingRight ? '和要求听证' : ''}的权利。`;
  if (facts.kase.rightsWaived)
    return {
      text: `${told}当事人于${chineseDate(notified.on)}书面表示放弃陈述、申辩${facts.kase.hearingRight ? '和听证' : ''}的权利。`,
      needsAdoption: false,
    };
  const statements = facts.documents.filter((d) => d.type === 'statement_record');
  const hearing = lastEvent(facts, 'hold_hearing');
  if (statements.length === 0 && !hearing)
    return {
      text: `${told}当事人在规定期限内未提出陈述、申辩意见${facts.kase.hearingRight ? '，也未要求听证' : ''}。`,
      needsAdoption: false,
    };
  const said = [
    ...statements.map((d) => `于${chineseDate(d.date)}提出了陈述、申辩意见（见${d.number}陈述申辩笔录）`),
    ...(hearing ? [`于${chineseDate(hearing.on)}参加了听证`] : []),
  ].join('，');
  return { text: `${told}当事人${said}。经复核，`, needsAdoption: true };
}

function reasoningText(facts: CaseFacts): string {
  const violated = violatedBases(facts);
  const penalty = penaltyBases(facts);
  if (penalty.length === 0) return '';
  return `本局认为，当事人的上述行为${violated.length > 0 ? `违反了${bases(violated)}的规定，` : ''}构成${facts.kase.title.replace(/案$/, '')}的违法行为。依据${bases(penalty)}的规定，${discretionText(facts)}`;
}

/** The fields of `type` the case fills, by type. Unknown keys are ignored by the view. */
function fieldsOf(
  type: DocumentType,
  facts: CaseFacts,
  on: string,
): { fields: Record<string, string>; needs: Record<string, string> } {
  const needs: Record<string, string> = {};
  const party = partyName(facts);
  const k = facts.kase;
  const findings = facts.findings;
  const title = k.title.replace(/案$/, '');
  const recordNotice = `我们是${facts.agency.name}的执法人员${officerCertificates(facts.officers)}，现向你出示执法证件。依照法律规定，执法人员少于两人或者所出示的执法证件与身份不符的，你有权拒绝接受调查和询问；执法人员与你有直接利害关系或者有其他关系可能影响公正执法的，你有权申请回避；你应当如实回答询问并协助调查，不得阻挠。你是否申请执法人员回避？`;
  const investigation = lastEvent(facts, 'investigate');
  const recordHeader = {
    time: investigation?.startedAt ? chinaTimeText(investigation.startedAt) : '',
    endTime: investigation?.endedAt ? chinaTimeText(investigation.endedAt) : '',
    place: investigation?.place ?? facts.parties.find((p) => p.address)?.address ?? '',
    recorder: facts.officers[1]?.name ?? '',
    notice: recordNotice,
  };
  switch (type) {
    case 'case_source':
      return {
        fields: {
          source: k.source,
          receivedOn: chineseDate(k.discoveredOn),
          summary: `${party ? `当事人${party}` : '有关单位或者个人'}涉嫌${title}。`,
          opinion: lastEvent(facts, 'not_file') ? '建议不予立案。' : '建议立案调查。',
        },
        needs,
      };
    case 'filing_approval': {
      const filed = lastEvent(facts, 'file');
      const item = facts.item ? `，涉嫌违反${bases(facts.item.legalBases)}等规定` : '';
      return {
        fields: {
          caseName: k.title,
          source: `${k.source}（${chineseDate(k.discoveredOn)}登记）`,
          summary: `经核查，当事人${party}涉嫌${title}${item}，有违法事实，属于本局管辖，依法应当给予行政处罚，符合立案条件，建议立案调查。`,
          opinion: filed
            ? `${filed.reason?.trim() ? filed.reason.trim() : '同意立案，由承办人员调查。'}（${filed.actorName ?? ''}，${chineseDate(filed.on)}）`
            : '',
        },
        needs,
      };
    }
    case 'non_filing_approval': {
      const refused = lastEvent(facts, 'not_file');
      return {
        fields: {
          caseName: k.title,
          source: `${k.source}（${chineseDate(k.discoveredOn)}登记）`,
          summary: `${party ? `当事人${party}` : '有关单位或者个人'}涉嫌${title}。`,
          reason: refused?.reason ?? '',
          opinion: refused ? `同意不予立案。（${refused.actorName ?? ''}，${chineseDate(refused.on)}）` : '',
        },
        needs,
      };
    }
    case 'on_site_record':
    case 'interview_record':
    case 'statement_record':
      return {
        fields: { ...recordHeader, ...(type === 'interview_record' && party ? { interviewee: party } : {}) },
        needs,
      };
    case 'evidence_extraction':
      return { fields: { time: chineseDate(on) }, needs };
    case 'investigation_report': {
      const sanctionsLine =
        k.proposedSanctions.length > 0 ? numbered(k.proposedSanctions.map(sanctionLine)) : '';
      return {
        fields: {
          source: `${k.source}（${chineseDate(k.discoveredOn)}）`,
          process: `${k.filedOn ? `本局于${chineseDate(k.filedOn)}立案，指派执法人员${officerCertificates(facts.officers)}调查。` : ''}${investigationText(facts)}${lastEvent(facts, 'conclude_investigation') ? `，调查于${chineseDate(lastEvent(facts, 'conclude_investigation')!.on)}终结` : ''}。`,
          facts: findings?.facts ?? '',
          evidence: evidenceText(facts),
          discretion: discretionText(facts),
          proposal: findings?.summary
            ? `建议依据${bases(penaltyBases(facts))}的规定，对当事人${findings.summary.replace(/^对当事人/, '')}。`
            : sanctionsLine,
        },
        needs,
      };
    }
    case 'penalty_notice': {
      const sanctions = k.proposedSanctions;
      const violated = violatedBases(facts);
      return {
        fields: {
          facts: findings
            ? `${party}：\n本局${k.filedOn ? `于${chineseDate(k.filedOn)}` : ''}对你（单位）涉嫌${title}一案立案调查。经查，${findings.facts}`
            : '',
          evidence: evidenceText(facts) ? `以上事实，有下列证据为证：\n${evidenceText(facts)}。` : '',
          basis:
            penaltyBases(facts).length > 0
              ? `你（单位）的上述行为${violated.length > 0 ? `违反了${bases(violated)}的规定，` : ''}依据${bases(penaltyBases(facts))}的规定，${discretionText(facts)}`
              : '',
          proposed:
            sanctions.length > 0
              ? `本局拟对你（单位）作出如下行政处罚：\n${numbered(sanctions.map(sanctionLine))}。`
              : lastEvent(facts, 'notify')
                ? '本局拟对你（单位）不予行政处罚。'
                : '',
          rights: k.hearingRight === null ? '' : noticeRightsText(k.hearingRight),
          contact: facts.settings.contact.trim()
            ? `联系人及联系方式：${facts.settings.contact.trim()}。`
            : `承办人：${officerNames(facts.officers)}。`,
        },
        needs,
      };
    }
    case 'penalty_decision': {
      const statement = statementText(facts);
      if (statement.needsAdoption)
        needs.statement =
          '当事人提出了陈述、申辩或者参加了听证，请写明复核及采纳情况（行政处罚法第四十五条）';
      const sanctions = k.sanctions;
      return {
        fields: {
          source: sourceText(facts),
          facts: findings ? `经查，${findings.facts}` : '',
          evidence: evidenceText(facts) ? `上述事实，主要有以下证据证明：\n${evidenceText(facts)}。` : '',
          statement: statement.text,
          reasoning: reasoningText(facts),
          penalty:
            sanctions.length > 0
              ? `综上，本局决定对当事人作出如下行政处罚：\n${numbered(sanctions.map(sanctionLine))}。`
              : '',
          payment: paymentText(facts, sanctions),
          remedies: remediesText(facts.settings),
          publicity: publicityText(sanctions),
        },
        needs,
      };
    }
    case 'no_penalty_decision': {
      const decided = lastEvent(facts, 'decide');
      return {
        fields: {
          source: sourceText(facts),
          facts: findings ? `经查，${findings.facts}` : '',
          evidence: evidenceText(facts) ? `上述事实，有以下证据证明：\n${evidenceText(facts)}。` : '',
          reason: decided?.reason ?? '',
          remedies: remediesText(facts.settings),
        },
        needs,
      };
    }
    case 'summary_penalty_decision': {
      const decided = lastEvent(facts, 'decide');
      return {
        fields: {
          time: decided ? chinaTimeText(decided.at) : '',
          place: (decided?.details.place as string | undefined) ?? '',
          facts: findings?.facts ?? '',
          penalty: k.sanctions.length > 0 ? numbered(k.sanctions.map(sanctionLine)) : '',
          payment: paymentText(facts, k.sanctions),
          remedies: remediesText(facts.settings),
        },
        needs,
      };
    }
    case 'penalty_info_summary': {
      const decision = documentOf(facts, 'penalty_decision');
      return {
        fields: {
          decisionNumber: decision?.number ?? '',
          violation: k.title.replace(/案$/, ''),
          facts: findings?.facts ?? '',
          basis: bases(penaltyBases(facts)),
          content: k.sanctions.length > 0 ? numbered(k.sanctions.map(sanctionLine)) : '',
          agency: facts.agency.name,
          decidedOn: k.decidedOn ? chineseDate(k.decidedOn) : '',
        },
        needs,
      };
    }
    case 'service_address':
      return { fields: { address: facts.parties.find((p) => p.address)?.address ?? '' }, needs };
    case 'proof_of_service': {
      const served = lastEvent(facts, 'serve');
      const decision = documentOf(facts, 'penalty_decision') ?? documentOf(facts, 'no_penalty_decision');
      const method = (served?.details.serviceMethod as string | undefined) ?? '';
      const address = facts.parties.find((p) => p.address)?.address ?? '';
      return {
        fields: {
          document: decision
            ? `《${specOf(decision.type as DocumentType).title}》（${decision.number}）`
            : '',
          recipient: party,
          place:
            served?.place ||
            (method === 'mail'
              ? `邮寄至${address}`
              : method === 'electronic'
                ? '受送达人确认的电子送达地址'
                : address),
          method: serviceMethodLabels[method] ?? '',
          time: served ? chineseDate(served.on) : '',
          servers: officerNames(facts.officers.slice(0, 2)),
          receipt:
            method === 'direct' || method === 'on_the_spot'
              ? `${party}于${served ? chineseDate(served.on) : ''}签收`
              : method === 'mail'
                ? '以邮寄回执为准'
                : method === 'electronic'
                  ? '以电子送达系统记录的到达时间为准'
                  : method === 'left_at_address'
                    ? '受送达人拒绝签收，已邀请见证人到场并留置送达'
                    : method === 'public_notice'
                      ? '公告期满视为送达'
                      : '',
        },
        needs,
      };
    }
    case 'closing_approval': {
      const decision = documentOf(facts, 'penalty_decision') ?? documentOf(facts, 'no_penalty_decision');
      const closed = lastEvent(facts, 'close');
      const paid = facts.payments.reduce((n, p) => n + p.amountFen, 0);
      const courtApplied = lastEvent(facts, 'apply_court_enforcement');
      const courtResult = lastEvent(facts, 'record_court_result');
      return {
        fields: {
          caseName: k.title,
          result: decision
            ? `本局于${chineseDate(k.decidedOn ?? decision.date)}作出${decision.number}${specOf(decision.type as DocumentType).title}${k.sanctions.length > 0 ? `：${k.sanctions.map(sanctionLine).join('；')}` : ''}。`
            : '',
          execution: courtApplied
            ? `当事人在法定期限内未履行，本局于${chineseDate(courtApplied.on)}申请人民法院强制执行${facts.payments.length > 0 ? `；当事人已缴纳罚没款人民币${yuanUpper(paid)}（¥${yuanText(paid)}）` : ''}${courtResult?.reason ? `。执行情况：${courtResult.reason}` : ''}。`
            : facts.payments.length > 0
              ? `当事人于${facts.payments.map((p) => chineseDate(p.paidOn)).join('、')}缴纳罚没款共计人民币${yuanUpper(paid)}（¥${yuanText(paid)}），行政处罚决定已履行完毕。`
              : k.sanctions.some((s) => amountKinds.has(s.kind))
                ? ''
                : '行政处罚决定已履行完毕。',
          opinion: closed
            ? `${closed.reason?.trim() ? closed.reason.trim() : '同意结案。'}（${closed.actorName ?? ''}，${chineseDate(closed.on)}）`
            : '',
        },
        needs,
      };
    }
    case 'legal_review_form': {
      const r = facts.review;
      return {
        fields: {
          summary: findings
            ? `${k.caseNumber}：${findings.facts}${findings.summary ? `拟${findings.summary}。` : ''}`
            : '',
          points: r
            ? r.findings.map((f) => `${f.point}：${f.finding}${f.note ? `。${f.note}` : ''}`).join('\n')
            : '',
          opinion: r?.opinion ?? '',
        },
        needs,
      };
    }
    case 'collective_deliberation':
    case 'hearing_notice':
    case 'hearing_record':
    case 'order_to_correct':
      return { fields: type === 'order_to_correct' && findings ? { facts: findings.facts } : {}, needs };
    case 'advance_preservation_notice':
    case 'coercive_measure_decision':
    case 'property_list':
      return { fields: {}, needs };
    // The case file's own sheets are filled by the assembly (case-file.service.ts); these are defaults.
    case 'case_file_cover':
    case 'case_file_index':
    case 'case_file_notes':
    case 'evidence_list':
      return { fields: { caseNumber: k.caseNumber, caseName: k.title, partyName: party }, needs };
  }
}

/** The document of `type` as the case fills it on `on` (its date). */
export function prefillDocument(type: DocumentType, facts: CaseFacts, on: string): Prefill {
  const spec = specOf(type);
  const { fields, needs } = fieldsOf(type, facts, on);
  const known = new Set(spec.fields.map((f) => f.key));
  const sanctions = facts.kase.sanctions.length > 0 ? facts.kase.sanctions : facts.kase.proposedSanctions;
  const fine = sanctions.find((s) => s.kind === 'fine')?.amountFen ?? facts.kase.amountFen ?? null;
  return {
    data: {
      parties: spec.party ? facts.parties : [],
      officers: spec.officers
        ? facts.officers.map((o) => ({ name: o.name, certificateNumber: o.certificateNumber }))
        : [],
      fields: Object.fromEntries(Object.entries(fields).filter(([key]) => known.has(key))),
      legalBases: spec.bases ? penaltyBases(facts).map((b) => ({ law: b.law, article: b.article })) : [],
      amountFen: spec.amount && fine ? fine : null,
      rows: [],
      date: on,
    },
    needs,
  };
}
