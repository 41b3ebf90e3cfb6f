import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 TOTP, the second factor (SHA-1, 6 digits, 30 s: what every authenticator app reads). */
const make = (secret: string, label = ''): TOTP =>
  new TOTP({
    issuer: 'sanxiang 三项',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** One step either side tolerates a phone clock a little off. */
export function checkTotp(secret: string, code: string, at: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return make(secret).validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null;
}

/**
 * The time step (counter, RFC 6238 §4) the code matches, within one step either side, or null. The caller
 * refuses a step at or below the last one accepted (RFC 6238 §5.2: a code is accepted once).
 */
export function totpStep(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = make(secret).validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : Math.floor(at.getTime() / 30_000) + delta;
}

export const totpCode = (secret: string, at: Date): string =>
  make(secret).generate({ timestamp: at.getTime() });

export async function totpEnrolment(secret: string, username: string): Promise<{ uri: string; qr: string }> {
  const uri = make(secret, username).toString();
  return { uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 240 }) };
}
