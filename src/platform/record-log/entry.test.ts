import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import type { RecordFields } from './entry.ts';
import { canonicalJson, canonicalRecord, encodeEntry, parseEntry, saltedDigests } from './entry.ts';
import { RecordLogError } from './errors.ts';

const fields: RecordFields = {
  id: '0191c3a0-0000-7000-8000-000000000001',
  kind: 'org.person_updated',
  time: new Date('2026-11-28T02:00:00.123Z'),
  agency: '0191c3a0-0000-7000-8000-0000000000aa',
  actor: '0191c3a0-0000-7000-8000-0000000000bb',
  via: 'session',
  ip: '10.0.0.7',
  subjectType: 'person',
  subjectId: '0191c3a0-0000-7000-8000-0000000000cc',
  changes: ['post'],
  fileSha256: null,
};
const record = {
  name: '张伟',
  post: '队员',
  at: new Date('2026-11-28T02:00:00Z'),
  note: 'say "record":null',
};
const salt = new Uint8Array(16).fill(7);

describe('canonical record and log entry', () => {
  it('is the RFC 8785 JSON of the whole audit row with the record inside', () => {
    const text = canonicalRecord(fields, canonicalJson(record));
    const expected = canonicalize({
      id: fields.id,
      kind: fields.kind,
      time: '2026-11-28T02:00:00.123Z',
      agency: fields.agency,
      actor: fields.actor,
      via: 'session',
      ip: '10.0.0.7',
      subject: { type: 'person', id: fields.subjectId },
      changes: ['post'],
      record: JSON.parse(canonicalJson(record)) as unknown,
    });
    expect(text).toBe(expected);
    expect(canonicalRecord(fields, canonicalJson(undefined))).toContain('"record":null');
  });

  it('digests salt ‖ canonical record with SHA-256 and SM3', () => {
    const text = canonicalRecord(fields, canonicalJson(record));
    const digests = saltedDigests(salt, text);
    const sha = createHash('sha256').update(salt).update(text).digest('hex');
    expect(digests.sha256).toBe(sha);
    expect(digests.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(saltedDigests(new Uint8Array(16), text).sha256).not.toBe(sha);
    // GB/T 32905-2016 Appendix A.1: SM3("abc").
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(() => saltedDigests(new Uint8Array(8), text)).toThrow(RecordLogError);
  });

  it('holds no personal data: ids, kind, time and digests only', () => {
    const digests = saltedDigests(salt, canonicalRecord(fields, canonicalJson(record)));
    const bytes = encodeEntry(fields, digests);
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toContain('张伟');
    expect(text).not.toContain('10.0.0.7');
    expect(text).not.toContain('post');
    expect(parseEntry(bytes)).toEqual({
      kind: fields.kind,
      time: '2026-11-28T02:00:00.123Z',
      agency: fields.agency,
      actor: fields.actor,
      subject: { type: 'person', id: fields.subjectId },
      ...digests,
    });
  });

  it('commits a file by its plain SHA-256 when given, and checks its shape', () => {
    const file = createHash('sha256').update('a scanned decision').digest('hex');
    const withFile = { ...fields, fileSha256: file };
    const digests = saltedDigests(salt, canonicalRecord(withFile, 'null'));
    expect(parseEntry(encodeEntry(withFile, digests)).fileSha256).toBe(file);
    expect(() => encodeEntry({ ...fields, fileSha256: file.toUpperCase() }, digests)).toThrow(RecordLogError);
  });

  it('parses only canonical entries of the known shape', () => {
    const digests = saltedDigests(salt, 'x');
    const good = new TextDecoder().decode(encodeEntry(fields, digests));
    const bad = [
      good.replace('{', '{ '),
      good.replace('"kind"', '"extra":1,"kind"'),
      good.replace(digests.sha256, 'zz'),
      '[]',
      'not json',
    ];
    for (const text of bad) expect(() => parseEntry(new TextEncoder().encode(text))).toThrow(RecordLogError);
  });
});
