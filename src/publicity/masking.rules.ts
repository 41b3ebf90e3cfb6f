/**
 * Masking (脱敏) of text before publication, the final guard that refuses text still holding personal data,
 * and the cases that are not published at all. No national rule fixes the masking pattern (docs/rules.md
 * Publicity): the marker and the kinds masked are configuration; the defaults follow docs/rules.md — a natural
 * person's name becomes surname + 某某, numbers and addresses are removed.
 */
import {
  findPersonalData,
  personalDataKinds,
  type PersonalDataKind,
  type PersonalRecords,
} from './personal-data.rules.ts';

export interface MaskingConfig {
  /** Replaces numbers, accounts and addresses. */
  marker: string;
  /** Replaces the given name after the surname. */
  givenNameMask: string;
  /** The kinds masked, and looked for by the final guard. */
  kinds: readonly PersonalDataKind[];
}

// 浙江 interim measures §7 [local]: names, addresses, contact numbers, ID numbers, bank accounts all go.
export const defaultMaskingConfig: MaskingConfig = {
  marker: '＊＊＊',
  givenNameMask: '某某',
  kinds: personalDataKinds,
};

// The two-character surnames (复姓) still in use; a name starting with one keeps both characters.
// prettier-ignore
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '司徒', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文',
  '司空', '夏侯', '令狐', '轩辕', '端木', '独孤', '南宫', '西门', '百里', '呼延', '澹台', '公冶',
  '太史', '申屠', '闻人', '钟离', '万俟', '濮阳', '淳于', '单于', '赫连', '东郭', '第五', '拓跋',
]);

/**
 * Surname + 某某 (docs/rules.md Publicity default). A compound surname (欧阳) is kept whole when a given name
 * follows it; a name written with a middle dot (transliterated minority or foreign names) keeps its first
 * character only, as 最高法 裁判文书上网规定 §9 does [report]; a one-character name is taken as a surname.
 */
export function maskName(name: string, givenNameMask = defaultMaskingConfig.givenNameMask): string {
  const chars = [...name.replace(/\s+/g, '')]; // 欧阳 志远 is written with a space too
  if (chars.length === 0) return givenNameMask;
  const compound = chars.slice(0, 2).join('');
  const surname = chars.length > 2 && COMPOUND_SURNAMES.has(compound) ? compound : (chars[0] ?? '');
  return surname + givenNameMask;
}

export interface Replacement {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the original text, `end` exclusive. */
  start: number;
  end: number;
}

export interface MaskedText {
  text: string;
  replacements: Replacement[];
}

/**
 * The text with every piece of personal data of the configured kinds replaced: names by maskName, the
 * rest by the marker. The replacements list where (in the original text) and what kind, never the data.
 */
export function maskText(
  text: string,
  records: PersonalRecords,
  config: MaskingConfig = defaultMaskingConfig,
): MaskedText {
  const replacements = findPersonalData(text, records, config.kinds);
  let out = '';
  let at = 0;
  for (const r of replacements) {
    const original = text.slice(r.start, r.end);
    out +=
      text.slice(at, r.start) +
      (r.kind === 'name' ? maskName(original, config.givenNameMask) : config.marker);
    at = r.end;
  }
  return { text: out + text.slice(at), replacements };
}

/** Where personal data was found: 1-based line and column, columns and lengths in characters. */
export interface PersonalDataLocation {
  kind: PersonalDataKind;
  line: number;
  column: number;
  length: number;
}

/**
 * The final guard (浙江 §7 [local]; 个人信息保护法): every piece of personal data still in a text about to
 * be published, with its place, so publishing can be refused and the clerk shown where to look.
 */
export function findUnmaskedPersonalData(
  text: string,
  records: PersonalRecords = {},
  config: MaskingConfig = defaultMaskingConfig,
): PersonalDataLocation[] {
  return findPersonalData(text, records, config.kinds).map((span) => {
    const before = text.slice(0, span.start);
    const lineStart = before.lastIndexOf('\n') + 1;
    return {
      kind: span.kind,
      line: before.split('\n').length,
      column: [...before.slice(lineStart)].length + 1,
      length: [...text.slice(span.start, span.end)].length,
    };
  });
}

/** Facts about a decision that bar its publication. */
export interface PublicationFacts {
  /** The penalty is a warning and nothing else. */
  warningOnly?: boolean;
  /** Decided in summary procedure (简易程序). */
  summaryProcedure?: boolean;
  involvesMinor?: boolean;
  /** Any state secret: none may be published. */
  stateSecret?: boolean;
  /** The main facts are a trade secret (a secret in a part is masked instead, 公示规定 §6). */
  mainFactsTradeSecret?: boolean;
  /** The main facts are personal privacy (privacy in a part is masked instead). */
  mainFactsPrivacy?: boolean;
  endangersSecurityOrStability?: boolean;
}

export type PublicationRefusal =
  | 'WARNING_ONLY'
  | 'SUMMARY_PROCEDURE'
  | 'INVOLVES_MINOR'
  | 'STATE_SECRET'
  | 'TRADE_SECRET'
  | 'PERSONAL_PRIVACY'
  | 'SECURITY_OR_STABILITY';

export const publicationRefusalMessages: Record<PublicationRefusal, string> = {
  WARNING_ONLY: '仅受到警告行政处罚的不予公示（市场监督管理行政处罚信息公示规定第二条）',
  SUMMARY_PROCEDURE: '公示规定适用于普通程序作出的行政处罚决定（市场监督管理行政处罚信息公示规定第二条）',
  INVOLVES_MINOR: '涉及未成年人的不予公开',
  STATE_SECRET: '涉及国家秘密的不予公开',
  TRADE_SECRET: '主要事实涉及商业秘密的不予公开',
  PERSONAL_PRIVACY: '主要事实涉及个人隐私的不予公开',
  SECURITY_OR_STABILITY: '公开后可能危及国家安全、公共安全、经济安全或社会稳定的不予公开',
};

/** Every reason the decision may not be published; empty when it may. */
export function mayPublish(facts: PublicationFacts): PublicationRefusal[] {
  const refusals: PublicationRefusal[] = [];
  if (facts.warningOnly) refusals.push('WARNING_ONLY'); // 公示规定 §2: warnings alone not published
  if (facts.summaryProcedure) refusals.push('SUMMARY_PROCEDURE'); // 公示规定 §2: ordinary procedure only
  if (facts.involvesMinor) refusals.push('INVOLVES_MINOR'); // 浙江 §5 [local]: minors
  if (facts.stateSecret) refusals.push('STATE_SECRET'); // 浙江 §5 [local]; 公示规定 §5: state secrets
  if (facts.mainFactsTradeSecret) refusals.push('TRADE_SECRET'); // 浙江 §5 [local]
  if (facts.mainFactsPrivacy) refusals.push('PERSONAL_PRIVACY'); // 浙江 §5 [local]
  if (facts.endangersSecurityOrStability) refusals.push('SECURITY_OR_STABILITY'); // 浙江 §5; 公示规定 §5
  return refusals;
}
