/**
 * A telephone number as people write it: a mainland mobile (13812345678), a landline with its area code
 * (0734-8212345, (0734) 821 2345), a service number (12345, 400-123-4567), with +86 or 0086, spaces,
 * dashes, brackets, full-width digits and an extension (转 8021). Letters are not a number. At most 15
 * digits (ITU-T E.164), at least 5 (the 12345 government hotline, 12315).
 */
const EXTENSION = /(?:转|分机|ext\.?|#)\s?\d{1,6}$/i;
const SHAPE = /^\+?\(?\d[\d ()-]*$/;

export function isPhoneNumber(written: string): boolean {
  const t = written.normalize('NFKC').trim().replace(EXTENSION, '').trim();
  if (!SHAPE.test(t)) return false;
  const digits = t.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 15;
}

export const phoneMessage = (label: string) =>
  `${label}格式不正确，应为手机号码或带区号的固定电话（如 13812345678、0734-8212345）`;
