import { describe, expect, it } from 'vitest';
import { eventRefusal, standingOf } from './registry.rules.ts';

const registered = [{ vkey: 'a.example/push+00000001+AAAA' }];
const replaced = [{ vkey: 'a.example/push+00000002+BBBB' }];

describe("a registered agency's standing: the latest event of each kind decides", () => {
  it('is in force with its registered keys until something happens', () => {
    expect(standingOf(registered, [])).toEqual({
      suspended: false,
      suspendedReason: null,
      pushKeys: registered,
    });
  });

  it('is suspended with the reason until reinstated, and its keys are the last replacement', () => {
    const suspended = standingOf(registered, [
      { kind: 'keys_replaced', reason: null, pushKeys: replaced },
      { kind: 'suspended', reason: '推送内容多次不实', pushKeys: null },
    ]);
    expect(suspended).toEqual({ suspended: true, suspendedReason: '推送内容多次不实', pushKeys: replaced });
    expect(eventRefusal(suspended, 'suspended')).toMatch(/已处于暂停/);
    expect(eventRefusal(suspended, 'reinstated')).toBeNull();
    const back = standingOf(registered, [
      { kind: 'suspended', reason: '推送内容多次不实', pushKeys: null },
      { kind: 'reinstated', reason: null, pushKeys: null },
    ]);
    expect(back.suspended).toBe(false);
    expect(eventRefusal(back, 'reinstated')).toMatch(/未被暂停/);
    expect(eventRefusal(back, 'keys_replaced')).toBeNull();
  });
});
