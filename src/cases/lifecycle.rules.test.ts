import { describe, expect, it } from 'vitest';
import { officersRequired } from './lifecycle.rules.ts';
import { penaltyOrdinary } from './lifecycles/penalty-ordinary.ts';

const serve = penaltyOrdinary.transitions.find((t) => t.step === 'serve')!;
const investigate = penaltyOrdinary.transitions.find((t) => t.step === 'investigate')!;

describe('officers a step needs (行政处罚法 §42, §55, §61)', () => {
  it('service in person, on the spot or left at the address needs two certified officers', () => {
    for (const method of ['direct', 'on_the_spot', 'left_at_address', null]) {
      expect(officersRequired(serve, method)).toBe(2);
    }
  });
  it('service by post, electronic means or public notice needs no officer at the door', () => {
    for (const method of ['mail', 'electronic', 'public_notice'])
      expect(officersRequired(serve, method)).toBe(0);
  });
  it('the service method never lowers another step', () => {
    expect(officersRequired(investigate, 'mail')).toBe(2);
  });
});
