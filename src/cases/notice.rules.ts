/**
 * What the 行政处罚告知书 says of the party's rights (行政处罚法 §44, §45, §63, §64; 听证办法 §5). The
 * statement and defence are always told; the hearing right, with its limit of 5 working days from service
 * (§64 (一), §85), only where the proposed sanctions carry it. Omitting the right where it exists makes the
 * decision unlawful; stating it where it does not exist would promise what the law does not give. Pure.
 */
import type { CaseSanction } from './sanctions.rules.ts';
import { sanctionsText } from './sanctions.rules.ts';

export function noticeRightsText(hearingRight: boolean): string {
  const statement =
    '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利，可自收到本告知书之日起五个工作日内向本局提出陈述、申辩意见；逾期未提出的，视为放弃此权利。';
  if (!hearingRight) return statement;
  return `${statement}根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有要求听证的权利，可自收到本告知书之日起五个工作日内向本局提出听证申请；逾期未提出的，视为放弃此权利。`;
}

/** The proposed sanctions as the notice states them. */
export function noticeProposedText(sanctions: readonly CaseSanction[]): string {
  return sanctions.length === 0 ? '' : `拟作出如下行政处罚：${sanctionsText(sanctions)}。`;
}
