/**
 * The party of a case as the penalty law's amounts tell parties apart (行政处罚法 §51, §63: 公民 / 法人或者其他
 * 组织). A 个体工商户 is a natural person for them (民法典 §54: 自然人从事工商业经营，经依法登记，为个体工商户);
 * its unified social credit code begins with 92 (GB 32100-2015: 登记管理部门码 9 工商, 机构类别码 2 个体工商户). Pure.
 */
export type PartyType = 'person' | 'individual_business' | 'organisation';

export const partyTypes = [
  'person',
  'individual_business',
  'organisation',
] as const satisfies readonly PartyType[];

export const partyTypeLabels: Readonly<Record<PartyType, string>> = {
  person: '自然人',
  individual_business: '个体工商户',
  organisation: '法人或者其他组织',
};

/** Is the party a natural person for the penalty law's amounts? */
export const isNaturalPerson = (type: PartyType): boolean => type !== 'organisation';

/** The party's type, corrected by its credit code: a code beginning with 92 is a 个体工商户's. */
export function partyTypeOf(type: PartyType, creditCode?: string | null): PartyType {
  if (creditCode?.startsWith('92')) return 'individual_business';
  return type;
}
