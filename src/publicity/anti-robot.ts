import { randomBytes } from 'node:crypto';
import { CappedMap, createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

/**
 * The anti-robot check on the public correction form: an ALTCHA proof of work (altcha-lib, self-hosted, no
 * outside service). The server hands out an HMAC-signed challenge; the browser finds the counter whose
 * SHA-256 starts with the signed prefix (web/src/portal/correction.ts, about a second on an old phone) and
 * sends it back with the form. Each solution is accepted once. The check needs JavaScript; the rest of the
 * form works without it.
 */
export interface AntiRobot {
  challenge(): Promise<Challenge>;
  /** The form's `altcha` field (base64 JSON of the challenge and its solution): true once, if solved. */
  verify(payload: string): Promise<boolean>;
}

export interface AntiRobotOptions {
  /** HMAC secret; a random one per process by default (challenges live minutes, not across restarts). */
  secret?: string;
  /** The counter is drawn below this: the expected work is half of it. */
  maxCounter?: number;
  ttlSeconds?: number;
}

export function antiRobot(options: AntiRobotOptions = {}): AntiRobot {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const keySecret = `${secret}:key`;
  const maxCounter = options.maxCounter ?? 20_000;
  const ttl = options.ttlSeconds ?? 600;
  const used = new CappedMap<string, true>({ maxSize: 100_000 });
  return {
    challenge: () =>
      createChallenge({
        algorithm: 'SHA-256',
        cost: 1,
        counter: randomInt(maxCounter),
        deriveKey,
        expiresAt: new Date(Date.now() + ttl * 1000),
        hmacSignatureSecret: secret,
        hmacKeySignatureSecret: keySecret,
      }),
    verify: async (payload) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
      } catch {
        return false;
      }
      if (!isPayload(parsed)) return false;
      const result = await verifySolution({
        challenge: parsed.challenge,
        solution: parsed.solution,
        deriveKey,
        hmacSignatureSecret: secret,
        hmacKeySignatureSecret: keySecret,
      }).catch(() => null);
      if (!result?.verified || !parsed.challenge.signature) return false;
      return used.setIfAbsent(parsed.challenge.signature, true);
    },
  };
}

interface ParsedPayload {
  challenge: Challenge;
  solution: { counter: number; derivedKey: string };
}

function isPayload(value: unknown): value is ParsedPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const c = v.challenge as Record<string, unknown> | undefined;
  const s = v.solution as Record<string, unknown> | undefined;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.parameters === 'object' &&
    c.parameters !== null &&
    typeof s === 'object' &&
    s !== null &&
    typeof s.counter === 'number' &&
    typeof s.derivedKey === 'string'
  );
}
