import {
  advancePreservationDue,
  decisionDue,
  earliestHearingOn,
  hearingRequestDue,
  leadVerificationDue,
} from '../../cases/deadlines.rules.ts';
import type { ReviewPackage, PackageStep } from '../package.ts';
import { worst, type PrecheckContext, type PrecheckResult, type PrecheckStatus } from './precheck.ts';

/** Step codes as users read them. */
export const stepLabels: Readonly<Record<string, string>> = {
  lead: '案源登记',
  filing: '立案',
  on_site_inspection: '现场检查',
  evidence_collection: '调查取证',
  interview: '询问',
  investigation: '调查',
  evidence_preservation: '先行登记保存',
  preservation_decision: '先行登记保存处理决定',
  sealing: '查封',
  seizure: '扣押',
  investigation_report: '调查终结报告',
  legal_review: '法制审核',
  notice: '行政处罚告知',
  statement_and_defence: '陈述申辩',
  hearing_notice: '听证通知',
  hearing: '听证',
  collective_deliberation: '集体讨论',
  decision: '决定',
  service: '送达',
  execution: '执行',
  closing: '结案',
};

const label = (step: string) => stepLabels[step] ?? step;

/**
 * What must have happened before each step (行政处罚法 §54–§62; 程序规定 §18–§20): a case is filed after
 * its lead; the investigation report after filing; the notice of the proposed penalty after the report;
 * a hearing after the notice of its rights; a decision only after the notice (§62); service after it.
 */
export const prerequisites: Readonly<Record<string, { requires: string[]; basis: string }>> = {
  filing: { requires: ['lead'], basis: '市场监督管理行政处罚程序规定 §18–§19' },
  investigation_report: { requires: ['filing'], basis: '行政处罚法 §54' },
  notice: { requires: ['investigation_report'], basis: '行政处罚法 §44' },
  statement_and_defence: { requires: ['notice'], basis: '行政处罚法 §45' },
  hearing_notice: { requires: ['notice'], basis: '行政处罚法 §64' },
  hearing: { requires: ['notice'], basis: '行政处罚法 §63–§64' },
  decision: { requires: ['notice'], basis: '行政处罚法 §62' },
  service: { requires: ['decision'], basis: '行政处罚法 §61' },
  preservation_decision: { requires: ['evidence_preservation'], basis: '行政处罚法 §56' },
};

const first = (pkg: ReviewPackage, step: string): PackageStep | undefined =>
  pkg.steps.filter((s) => s.step === step).sort((a, b) => a.on.localeCompare(b.on))[0];

/** Steps in lawful order: each step's prerequisites were taken, on or before its day. */
export function stepOrderCheck(pkg: ReviewPackage): PrecheckResult {
  const evidence: string[] = [];
  let failed = false;
  for (const step of pkg.steps) {
    const rule = prerequisites[step.step];
    if (!rule) continue;
    for (const needed of rule.requires) {
      // A lead found during an inspection may be filed at once: only a lead recorded later is out of order.
      if (needed === 'lead' && !first(pkg, 'lead')) continue;
      const before = first(pkg, needed);
      if (!before) {
        failed = true;
        evidence.push(`${label(step.step)}（${step.on}）之前没有${label(needed)}（${rule.basis}）`);
      } else if (before.on > step.on) {
        failed = true;
        evidence.push(
          `${label(step.step)}（${step.on}）早于${label(needed)}（${before.on}）（${rule.basis}）`,
        );
      }
    }
  }
  if (!failed) {
    const sequence = [...pkg.steps].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    evidence.push(`环节顺序：${sequence.map((s) => `${label(s.step)} ${s.on}`).join(' → ') || '无'}`);
  }
  return {
    code: 'step_order',
    label: '程序环节顺序合法',
    point: 'procedure',
    status: failed ? 'fail' : 'pass',
    basis: '行政处罚法 §44、§54、§62；市场监督管理行政处罚程序规定 §18–§20',
    evidence,
  };
}

/**
 * The notice of the proposed penalty and of the rights of statement, defence and hearing (§44–45, §62–64):
 * given, its 5 working days for a hearing request run out before any decision, a hearing notified 7 working
 * days ahead and chaired by someone who did not investigate.
 */
export function noticeCheck(pkg: ReviewPackage, ctx: PrecheckContext): PrecheckResult {
  const evidence: string[] = [];
  const statuses: PrecheckStatus[] = [];
  const notice = first(pkg, 'notice');
  const decision = first(pkg, 'decision');
  if (!notice) {
    statuses.push(decision ? 'fail' : 'warn');
    evidence.push('尚未告知拟作出的处罚及陈述、申辩、听证权利；作出决定前必须告知（行政处罚法 §44、§62）');
  } else {
    const window = hearingRequestDue(ctx.calendar, notice.on);
    evidence.push(`${notice.on} 告知，听证申请期限至 ${window.date}（5 个工作日，行政处罚法 §64、§85）`);
    for (const w of window.warnings) evidence.push(w.message);
    if (decision && decision.on <= window.date) {
      statuses.push('fail');
      evidence.push(`决定（${decision.on}）在听证申请期限届满之前作出`);
    } else if (!decision && ctx.today <= window.date) {
      statuses.push('warn');
      evidence.push(`听证申请期限尚未届满，${window.date} 之后方可作出决定`);
    } else statuses.push('pass');
  }
  const hearingNotice = first(pkg, 'hearing_notice');
  if (pkg.hearing) {
    if (!hearingNotice) {
      statuses.push('fail');
      evidence.push('举行了听证，但没有听证通知（行政处罚法 §64）');
    } else {
      const earliest = earliestHearingOn(ctx.calendar, hearingNotice.on);
      if (pkg.hearing.heldOn < earliest.date) {
        statuses.push('fail');
        evidence.push(
          `听证（${pkg.hearing.heldOn}）距通知（${hearingNotice.on}）不足 7 个工作日，最早 ${earliest.date}（行政处罚法 §64）`,
        );
      } else {
        statuses.push('pass');
        evidence.push(`听证通知 ${hearingNotice.on}，听证 ${pkg.hearing.heldOn}，提前 7 个工作日以上`);
      }
    }
    if (pkg.investigatorIds.includes(pkg.hearing.chairId)) {
      statuses.push('fail');
      evidence.push('听证主持人参与了本案调查（行政处罚法 §64（四））');
    }
  }
  return {
    code: 'notice_periods',
    label: '告知、听证程序和等待期',
    point: 'procedure',
    status: worst(statuses),
    basis: '行政处罚法 §44、§45、§62、§64、§85',
    evidence,
  };
}

/** Deadlines kept: lead verified in 15 working days (+15), decision within 90 days of filing (§60), advance preservation decided in 7 working days (§56). */
export function deadlinesCheck(pkg: ReviewPackage, ctx: PrecheckContext): PrecheckResult {
  const evidence: string[] = [];
  const statuses: PrecheckStatus[] = [];
  const lead = first(pkg, 'lead');
  const filing = first(pkg, 'filing');
  if (lead && filing) {
    const due = leadVerificationDue(ctx.calendar, lead.on, { extended: pkg.extensions.leadVerification });
    const late = filing.on > due.date;
    statuses.push(late ? 'fail' : 'pass');
    evidence.push(
      `线索 ${lead.on}，立案 ${filing.on}，核查期限至 ${due.date}${late ? '，已超期' : ''}（程序规定 §18）`,
    );
  }
  if (filing) {
    const due = decisionDue(ctx.calendar, filing.on, { headApproved: pkg.extensions.decision });
    const decided = first(pkg, 'decision');
    const asOf = decided?.on ?? ctx.today;
    const late = asOf > due.date;
    statuses.push(late ? 'fail' : 'pass');
    evidence.push(`立案 ${filing.on}，作出决定期限至 ${due.date}${late ? '，已超期' : ''}（行政处罚法 §60）`);
  }
  for (const preserved of pkg.steps.filter((s) => s.step === 'evidence_preservation')) {
    const due = advancePreservationDue(ctx.calendar, preserved.on);
    const decided = pkg.steps.find((s) => s.step === 'preservation_decision' && s.on >= preserved.on);
    const late = decided ? decided.on > due.date : ctx.today > due.date;
    statuses.push(late ? 'fail' : 'pass');
    evidence.push(
      `先行登记保存 ${preserved.on}，处理决定期限至 ${due.date}${decided ? `，${decided.on} 作出` : ''}${late ? '，已超期' : ''}（行政处罚法 §56）`,
    );
  }
  if (statuses.length === 0) evidence.push('没有可核对的法定期限');
  return {
    code: 'deadlines',
    label: '法定期限',
    point: 'procedure',
    status: worst(statuses),
    basis: '行政处罚法 §56、§60；市场监督管理行政处罚程序规定 §18',
    evidence,
  };
}
