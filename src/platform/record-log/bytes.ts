/** Small byte helpers shared by the record-log files: strict base64 and equality. */

const BASE64_SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard padded base64 (RFC 4648 §4), the encoding every C2SP format uses. Node's decoder
 * skips characters it does not know; untrusted input must not be read that leniently, so the shape is
 * checked first and the result must re-encode to the same text (which also rejects non-zero pad bits).
 * Returns null for anything else.
 */
export function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64_SHAPE.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : null;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** Whether text holds an ASCII control character (below U+0020) other than newline, when that is allowed. */
export function hasControlCharacter(text: string, allowNewline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(allowNewline && c === 0x0a)) return true;
  }
  return false;
}
