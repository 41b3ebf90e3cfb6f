import type { EnforcementField } from '../org/certificate.rules.ts';

/**
 * What choosing a power-list item tells a new case (issue 12 item 4): its cause (案由), from the item's
 * name — 「对未取得食品经营许可从事食品经营活动的处罚」 is the cause 「涉嫌未取得食品经营许可从事食品经营活动」 —
 * and its field, from the law the item applies. Pure, browser-safe: the officer may change either.
 */
export function causeOfItem(name: string): string {
  const act = name
    .trim()
    .replace(/^对/, '')
    .replace(/(的)?(行政处罚|处罚|行政强制|强制措施|行政检查|检查|行政征收|征收)$/, '')
    .replace(/的$/, '');
  return act ? `涉嫌${act.replace(/^涉嫌/, '')}` : '';
}

/** The law (or its main word) each field is enforced under. */
const laws: readonly [RegExp, EnforcementField][] = [
  [/食品安全/, 'food'],
  [/药品/, 'drugs'],
  [/医疗器械/, 'medical_devices'],
  [/化妆品/, 'cosmetics'],
  [/特种设备/, 'special_equipment'],
  [/产品质量/, 'quality'],
  [/价格/, 'pricing'],
  [/计量/, 'measurement'],
  [/标准化/, 'standards'],
  [/商标|专利|著作权|知识产权/, 'intellectual_property'],
  [/广告/, 'advertising'],
  [/反不正当竞争/, 'competition'],
  [/消费者权益/, 'consumer_protection'],
  [/公司|市场主体|营业执照|无证无照|个体工商户/, 'industry_commerce'],
];

/** The field of the first basis whose law names one; null when none does. */
export function fieldOfItem(bases: readonly { law: string }[]): EnforcementField | null {
  for (const b of bases) for (const [law, field] of laws) if (law.test(b.law)) return field;
  return null;
}
