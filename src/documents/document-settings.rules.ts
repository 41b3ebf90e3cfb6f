/**
 * What an agency's documents say of where a fine is paid and where the party may seek a remedy (issue 12
 * item 1). The decision document states how and by when the penalty is performed and the channels and
 * limits of remedy (行政处罚法 §59 (四)(五)): the fine is paid within 15 days of service to the bank or
 * the electronic channel named in the decision (§67 ¶3), 3% a day late (§72 (一)); reconsideration within
 * 60 days (行政复议法 §20) to the body of §24 (for a county department, the county's people's
 * government), or suit within 6 months (行政诉讼法 §46) in the people's court of first instance
 * (§18). The agency names them once, in its settings; every document takes them from there. Pure.
 */
export interface DocumentSettingsJson {
  /** 收款单位: the payee named on the decision (e.g. the non-tax revenue account holder). */
  payee: string;
  /** 开户银行. */
  bank: string;
  /** 账号 (an organisation's account: printed on the decision, never published, 公示规定 §7). */
  account: string;
  /** How and where else it may be paid (e.g. the non-tax payment code online, a bank's counters). */
  paymentChannel: string;
  /** 行政复议机关 (行政复议法 §24). */
  reconsiderationBody: string;
  /** The people's court where suit is brought (行政诉讼法 §18). */
  court: string;
  /** 联系人及联系电话、地址 printed on a notice. */
  contact: string;
}

export const documentSettingLabels: Record<keyof DocumentSettingsJson, string> = {
  payee: '收款单位',
  bank: '开户银行',
  account: '账号',
  paymentChannel: '缴纳方式',
  reconsiderationBody: '行政复议机关',
  court: '行政诉讼管辖法院',
  contact: '联系人及联系方式',
};

/** An agency that has not saved its settings yet: every field empty (the documents then name them). */
export const emptyDocumentSettings: DocumentSettingsJson = {
  payee: '',
  bank: '',
  account: '',
  paymentChannel: '',
  reconsiderationBody: '',
  court: '',
  contact: '',
};
