/**
 * The exits of an ordinary penalty case before its decision (legal audit E14): transfer to the judiciary
 * when a crime is suspected, ending the investigation, transfer to the competent agency. Each is decided by
 * the agency's head with its reason, ends the periods still running (the 90 days no longer run: they are
 * ended, not late), and leaves the case to be archived (lifecycles/penalty-ordinary.ts). Pure.
 */

/**
 * 程序规定 §48 [unconfirmed number]: 因涉嫌违法的自然人死亡或者法人、其他组织终止，并且无权利义务承受人等原因，
 * 致使案件调查无法继续进行的，经市场监督管理部门负责人批准，案件终止调查.
 */
export const terminationGrounds = ['person_died', 'organisation_terminated', 'other'] as const;
export type TerminationGround = (typeof terminationGrounds)[number];

export const terminationGroundLabels: Readonly<Record<TerminationGround, string>> = {
  person_died: '涉嫌违法的自然人死亡，且无权利义务承受人',
  organisation_terminated: '涉嫌违法的法人、其他组织终止，且无权利义务承受人',
  other: '其他致使案件调查无法继续进行的情形',
};

/** The exit steps and what each ends the running periods as (case_deadlines.ended_reason). */
export const exitSteps: Readonly<Record<string, string>> = {
  transfer_judiciary: '涉嫌犯罪移送司法机关',
  terminate_investigation: '终止调查',
  transfer_jurisdiction: '移送有管辖权的机关',
};

export const isExitStep = (step: string): boolean => step in exitSteps;
