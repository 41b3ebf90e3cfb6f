import { describe, expect, it } from 'vitest';
import {
  declaredSha256,
  digestMismatches,
  evidenceProblems,
  mediaTypeOf,
  mediaTypeProblem,
  type EvidenceFacts,
} from './evidence.rules.ts';

const now = new Date('2026-11-28T02:00:00Z');
const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 1, minute));
const video = (over: Partial<EvidenceFacts> = {}): EvidenceFacts => ({
  kind: 'video',
  recorderId: '0190a0a0-0000-7000-8000-000000000001',
  capturedFrom: at(0),
  capturedTo: at(30),
  fullProcess: true,
  interruptions: [],
  ...over,
});
const fields = (facts: EvidenceFacts) => evidenceProblems(facts, now).map((p) => p.field);

describe('evidence metadata', () => {
  it('accepts a full-process video with its device, times and stated interruptions', () => {
    const gaps = [
      { stoppedAt: at(5), resumedAt: at(6), reason: '电池耗尽，更换电池' },
      { stoppedAt: at(20), resumedAt: at(21), reason: '存储卡已满' },
    ];
    expect(evidenceProblems(video({ interruptions: gaps }), now)).toEqual([]);
  });

  it('links every AV file to its device (S-8.2); a scan needs none', () => {
    expect(fields(video({ recorderId: null }))).toEqual(['recorderId']);
    expect(fields(video({ kind: 'scan', recorderId: null, fullProcess: false }))).toEqual([]);
  });

  it('refuses full-process photos, full-process without times, and times the wrong way round', () => {
    expect(fields(video({ kind: 'photo', fullProcess: true }))).toEqual(['fullProcess']);
    expect(fields(video({ capturedTo: null }))).toEqual(['fullProcess']);
    expect(fields(video({ capturedFrom: at(30), capturedTo: at(0), fullProcess: false }))).toEqual([
      'capturedTo',
    ]);
    expect(fields(video({ capturedTo: new Date(now.getTime() + 3600_000) }))).toEqual(['capturedTo']);
  });

  it('wants every interruption explained, in order, and over before the recording ends (四平)', () => {
    const problems = fields(
      video({
        interruptions: [
          { stoppedAt: at(10), resumedAt: at(12), reason: '  ' },
          { stoppedAt: at(11), resumedAt: at(11), reason: '信号中断' },
          { stoppedAt: at(25), resumedAt: at(40), reason: '设备故障' },
        ],
      }),
    );
    expect(problems).toEqual([
      'interruptions.0.reason',
      'interruptions.1.resumedAt',
      'interruptions.1.stoppedAt',
      'interruptions.2.resumedAt',
    ]);
  });

  it('accepts only media types a browser will not run', () => {
    expect(mediaTypeProblem('video', 'video/mp4')).toBeNull();
    expect(mediaTypeProblem('audio', 'audio/mpeg')).toBeNull();
    expect(mediaTypeProblem('scan', 'application/pdf')).toBeNull();
    expect(mediaTypeProblem('photo', 'application/octet-stream')).toBeNull();
    expect(mediaTypeProblem('photo', 'image/svg+xml')).not.toBeNull();
    expect(mediaTypeProblem('scan', 'text/html')).not.toBeNull();
    expect(mediaTypeProblem('video', 'audio/mpeg')).not.toBeNull();
    expect(mediaTypeOf('Video/MP4; codecs="avc1"')).toBe('video/mp4');
  });

  it('compares declared digests with the bytes received', () => {
    const actual = { sha256: 'a'.repeat(64), sm3: 'b'.repeat(64) };
    expect(digestMismatches({}, actual)).toEqual([]);
    expect(digestMismatches({ sha256: 'A'.repeat(64), sm3: 'b'.repeat(64) }, actual)).toEqual([]);
    expect(digestMismatches({ sha256: 'c'.repeat(64), sm3: 'd'.repeat(64) }, actual)).toEqual([
      'sha256',
      'sm3',
    ]);
  });

  it('reads the SHA-256 of an RFC 9530 Content-Digest', () => {
    const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // SHA-256("abc")
    const b64 = Buffer.from(hex, 'hex').toString('base64');
    expect(declaredSha256(`sha-256=:${b64}:`)).toBe(hex);
    expect(declaredSha256(`sha-512=:AAAA:, SHA-256=:${b64}:`)).toBe(hex);
    expect(declaredSha256('sha-512=:AAAA:')).toBeUndefined();
    expect(declaredSha256(undefined)).toBeUndefined();
    expect(declaredSha256('sha-256=:AAAA:')).toBeNull();
  });
});
