/**
 * Not punishing (不予行政处罚) as a rule, 行政处罚法 §33: the grounds the law gives, whether each forbids a
 * penalty or leaves it to the agency, the agency's list of minor violations not punished (免罚清单, 国市监法规
 * 〔2022〕2号 《关于规范市场监督管理行政处罚裁量权的指导意见》: in sanxiang the item's discretion benchmark of the
 * circumstance 不予处罚, published with the power list), and the education that must be given (§33 ¶3). Pure.
 */

export const noPenaltyGrounds = [
  'minor_corrected_no_harm',
  'first_offence_minor_corrected',
  'no_fault',
  'listed',
  'other',
] as const;
export type NoPenaltyGround = (typeof noPenaltyGrounds)[number];

export interface NoPenaltyGroundDef {
  label: string;
  /** `must_not`: the law forbids a penalty (不予); `may_not`: the agency may decide not to punish (可以不予). */
  duty: 'must_not' | 'may_not';
  basis: string;
}

export const noPenaltyGroundDefs: Readonly<Record<NoPenaltyGround, NoPenaltyGroundDef>> = {
  // §33 ¶1 first sentence: 违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚
  minor_corrected_no_harm: {
    label: '违法行为轻微并及时改正，没有造成危害后果',
    duty: 'must_not',
    basis: '行政处罚法 §33 第一款',
  },
  // §33 ¶1 second sentence: 初次违法且危害后果轻微并及时改正的，可以不予行政处罚
  first_offence_minor_corrected: {
    label: '初次违法且危害后果轻微并及时改正',
    duty: 'may_not',
    basis: '行政处罚法 §33 第一款',
  },
  // §33 ¶2: 当事人有证据足以证明没有主观过错的，不予行政处罚；法律、行政法规另有规定的，从其规定
  no_fault: {
    label: '当事人有证据足以证明没有主观过错',
    duty: 'must_not',
    basis: '行政处罚法 §33 第二款（法律、行政法规另有规定的除外）',
  },
  listed: {
    label: '属于本机关不予行政处罚清单所列情形',
    duty: 'may_not',
    basis: '行政处罚法 §33；国市监法规〔2022〕2号',
  },
  // e.g. §30 under fourteen, §31 a mentally ill person unable to control their conduct, §36 time-barred
  other: {
    label: '其他依法不予行政处罚的情形（如行政处罚法 §30、§31、§36）',
    duty: 'must_not',
    basis: '行政处罚法 §30、§31、§36 等',
  },
};

export interface NoPenaltyFacts {
  outcome: string;
  ground: NoPenaltyGround | null;
  /** What the officer did to educate the party (§33 ¶3), as recorded with the decision. */
  education: string | null;
  reason: string | null;
  /** The item's 免罚清单 entry in force on the decision (its 不予处罚 benchmark), or null when it has none. */
  listedEntry: string | null;
}

export interface NoPenaltyProblem {
  path: string;
  message: string;
}

/** What a decision not to punish lacks, or what a decision that punishes wrongly carries (§33). */
export function noPenaltyProblems(f: NoPenaltyFacts): NoPenaltyProblem[] {
  const problems: NoPenaltyProblem[] = [];
  if (f.outcome !== 'no_penalty') {
    if (f.ground !== null) {
      problems.push({ path: 'body.noPenaltyGround', message: '仅不予行政处罚的决定填写不予处罚情形' });
    }
    return problems;
  }
  if (f.ground === null) {
    problems.push({
      path: 'body.noPenaltyGround',
      message: '请选择不予行政处罚的法定情形（行政处罚法 §33）',
    });
  } else if (f.ground === 'listed' && f.listedEntry === null) {
    problems.push({
      path: 'body.noPenaltyGround',
      message: '该事项在作出决定之日未列入本机关的不予行政处罚清单（权责清单中无「不予处罚」裁量基准）',
    });
  }
  // §33 ¶3: 对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育
  if (!f.education?.trim()) {
    problems.push({
      path: 'body.education',
      message: '请记录对当事人进行教育的方式和内容（行政处罚法 §33 第三款）',
    });
  }
  return problems;
}
