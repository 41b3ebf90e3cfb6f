import type { Role } from '../../platform/auth/roles.ts';
import type { ActionKind } from '../../powers/action-kinds.ts';

/**
 * The shape every lifecycle is written in: states, and transitions between them. One plain object per
 * kind of case, so that the flowcharts of ex-ante publicity (issue 5 item 1) are drawn from exactly what
 * the service enforces. Pure data: no I/O, each transition citing the rule it encodes.
 */

/** The kinds of case: the six kinds of action, the penalty with its two procedures. */
export const lifecycleKinds = [
  'penalty_ordinary',
  'penalty_summary',
  'licensing',
  'coercion',
  'inspection',
  'levy',
  'fee',
] as const;
export type LifecycleKind = (typeof lifecycleKinds)[number];

export interface LifecycleState {
  id: string;
  label: string;
  /** No step leads out of a final state. */
  final?: boolean;
  /** The case left the procedure before a decision (移送、终止): only archiving remains. */
  exit?: boolean;
}

/**
 * The statutory periods a case runs (see case-deadlines.rules.ts for how each is counted). A step may open
 * periods (start them on its date) and meet one (it must be taken by the period's last day).
 */
export type CaseDeadlineCode =
  | 'lead_verification'
  | 'decision'
  | 'hearing_request'
  | 'service'
  | 'payment'
  | 'coercive_measure'
  | 'licensing_decision'
  | 'licensing_completion_notice'
  | 'licence_issuance'
  | 'licensing_hearing_request'
  | 'licensing_hearing'
  /** 行政强制法 §54: 10 working days after the demand (催告书) is served. */
  | 'payment_demand'
  /** 行政强制法 §53: 3 months to apply to the people's court, from the end of the party's remedy period. */
  | 'court_application'
  /** 行政处罚法 §71: cash collected on the spot handed to the agency within 2 working days. */
  | 'cash_handover'
  /** 行政处罚法 §71: the agency pays it into the designated bank within 2 working days. */
  | 'cash_deposit';

/**
 * What a step needs beyond its role and officers, checked by the service from the step's input and the
 * case (see lifecycle.rules.ts `requirementLabels`).
 */
export type Requirement =
  /** A written reason or approval opinion (e.g. 不予立案、不予受理 reasons). */
  | 'reason'
  /** The party's hearing-request period has ended, or the party waived it in writing (行政处罚法 §64). */
  | 'hearing_period_over'
  /** The hearing's chair did not investigate the case, and the party was notified 7 days ahead (§64). */
  | 'hearing_chair'
  /** The party's written consent before electronic service (§61). */
  | 'service_consent_if_electronic'
  /** An amount in fen (the fine, levy, fee or payment). */
  | 'amount'
  /** Nothing left to execute: a decision without a fine or other duty of payment. */
  | 'nothing_to_execute'
  /** The typed ground of ending the investigation (exit.rules.ts `terminationGrounds`). */
  | 'termination_ground'
  /** The body a case is transferred to (司法机关, 有管辖权的机关). */
  | 'transferee'
  /** The remedy the applicant is told of with a refusal (行政许可法 §32 ¶1 (二), §38 ¶2). */
  | 'remedy'
  /** A licensing hearing chaired by someone who did not review the application, notified 7 days ahead, its record signed (行政许可法 §48). */
  | 'licensing_hearing_chair'
  /** The licence is issued only on a grant (行政许可法 §39, §44). */
  | 'licence_granted'
  /** A refusal is served as a decision, no licence (行政许可法 §38 ¶2). */
  | 'licence_refused';

export interface Transition {
  from: string;
  to: string;
  /** The step's code: what `POST /api/v1/cases/{id}/steps/{step}` names. */
  step: string;
  label: string;
  /** The statute or rule the step follows (docs/rules.md). */
  basis: string;
  /** Who may take the step. */
  roles: readonly Role[];
  /** Certified officers that must be assigned, each with a certificate valid for the case's field (§42). */
  officers?: number;
  /** Documents the step produces or needs (names from the 2021 template set, docs/rules.md "Document set"). */
  documents?: readonly string[];
  requires?: readonly Requirement[];
  /** The period the step must be taken within. */
  meets?: CaseDeadlineCode;
  /** Periods the step starts. */
  opens?: readonly CaseDeadlineCode[];
  /** Taken only through the decision command (`POST /api/v1/cases/{id}/decision`), behind its gates. */
  decision?: boolean;
  /**
   * Taken only when the legal review's collective deliberation settles a disputed result
   * (src/review/review.service.ts `recordDeliberation`): never offered as a next step of the case.
   */
  deliberation?: boolean;
  /** The AV checklist step it is (records/av-checklist.rules.ts), so the checklist judges its AV. */
  av?: string;
  /**
   * An investigating act (调查取证): taken while a recusal is still to be decided, since 回避决定作出之前，不停止
   * 调查 (行政处罚法 §43 ¶3; 程序规定 §4). Every other step waits for the head's decision.
   */
  investigation?: boolean;
}

export interface Lifecycle {
  kind: LifecycleKind;
  label: string;
  actionKind: ActionKind;
  procedure: 'ordinary' | 'summary' | null;
  /** The state a new case starts in. */
  initial: string;
  states: readonly LifecycleState[];
  transitions: readonly Transition[];
}

/** Officer roles: who takes the investigating steps of a case. */
export const OFFICERS: readonly Role[] = ['officer'];
/** Approval by a unit's head or the agency's head (审批). */
export const HEADS: readonly Role[] = ['unit_head', 'agency_head'];
/** The agency's head alone (行政机关负责人). */
export const AGENCY_HEAD: readonly Role[] = ['agency_head'];
