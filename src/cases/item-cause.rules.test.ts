import { describe, expect, it } from 'vitest';
import { causeOfItem, fieldOfItem } from './item-cause.rules.ts';

describe('a power-list item fills the new case’s cause and field (issue 12 item 4)', () => {
  it('the cause is the act the item punishes, as suspected', () => {
    expect(causeOfItem('对未取得食品经营许可从事食品经营活动的处罚')).toBe(
      '涉嫌未取得食品经营许可从事食品经营活动',
    );
    expect(causeOfItem('对经营超过保质期食品的行政处罚')).toBe('涉嫌经营超过保质期食品');
  });

  it('the field is the one of the law it applies', () => {
    expect(fieldOfItem([{ law: '中华人民共和国食品安全法' }])).toBe('food');
    expect(fieldOfItem([{ law: '中华人民共和国特种设备安全法' }])).toBe('special_equipment');
    expect(fieldOfItem([{ law: '某地方性法规' }])).toBeNull();
  });
});
