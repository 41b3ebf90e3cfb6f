import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../platform/calendar/chinese-days.data.ts';
import { publishDueOn, resultRefusal } from './results.rules.ts';

describe('the result of a drawn inspection', () => {
  it('is published within 20 working days of being formed (§39), holidays not counted', () => {
    // 2026-09-30 + 20 working days: the National Day holiday (10-01 … 10-07) is not counted, and
    // Saturday 10-10 is a working day (国务院办公厅 holiday notice for 2026, as bundled).
    expect(publishDueOn(bundledCalendar, '2026-09-30')).toBe('2026-11-03');
    expect(publishDueOn(bundledCalendar, '2026-12-01')).toBe('2026-12-29');
  });

  it('is recorded after 出具检查结果, and an order to correct only once the order was issued', () => {
    expect(resultRefusal('passed', 'concluded', '已出具结果')).toBeNull();
    expect(resultRefusal('passed', 'recorded', '已记录')).toBe(
      '检查案件当前为「已记录」：记录「合格（未发现问题）」前，须先在案件中办理「出具检查结果」',
    );
    expect(resultRefusal('rectify', 'concluded', '已出具结果')).toContain('须先在案件中办理「责令改正」');
    expect(resultRefusal('rectify', 'correcting', '责令整改中')).toBeNull();
  });

  it('a referral is recorded once the penalty lead is opened', () => {
    expect(resultRefusal('referred', 'concluded', '已出具结果')).toContain('转为处罚案源');
    expect(resultRefusal('referred', 'referred', '已转为案源')).toBeNull();
  });
});
