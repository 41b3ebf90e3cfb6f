import { describe, expect, it } from 'vitest';
import { generateCosignerKey, parseCosignerKey } from '../../county/witness/cosigner-key.ts';
import { noteBody, parseCosignerVerifierKey } from '../../county/witness/cosignature.rules.ts';
import { cosignatureLine, parseAddCheckpoint } from '../../county/witness/witness.rules.ts';
import { signCheckpoint } from '../../platform/record-log/checkpoint.ts';
import { generateNoteKeys, parseSignerKey } from '../../platform/record-log/note.ts';
import { addCheckpointBody, judgeWitnessAnswer, oldSizeToSend } from './submission.rules.ts';

const log = generateNoteKeys('example.gov.cn/log');
const note = signCheckpoint(
  { origin: 'example.gov.cn/log', size: 8, root: new Uint8Array(32).fill(1), extensions: [] },
  [parseSignerKey(log.signerKey)],
);
const witness = parseCosignerKey(generateCosignerKey('county.example.gov.cn/witness'));
const pinned = parseCosignerVerifierKey(witness.verifierKey);
const text = (status: number, body: string, contentType = 'text/plain') => ({ status, body, contentType });

describe("the agency's add-checkpoint request and the witness's answers (C2SP tlog-witness)", () => {
  it('sends `old N`, the proof lines, an empty line and the checkpoint, as the witness parses it', () => {
    const hash = Buffer.alloc(32, 2).toString('base64');
    const body = addCheckpointBody(5, [hash, hash], note);
    const parsed = parseAddCheckpoint(body);
    expect(parsed.oldSize).toBe(5);
    expect(parsed.proof).toHaveLength(2);
    expect(parsed.note).toBe(note);
  });

  it('keeps a 200 only when it is one valid cosignature line by the pinned key over this checkpoint', () => {
    const line = cosignatureLine(witness, noteBody(note), 42);
    const answer = judgeWitnessAnswer(text(200, line), note, pinned);
    expect(answer.kind).toBe('cosigned');
    const other = parseCosignerKey(generateCosignerKey('county.example.gov.cn/witness'));
    expect(judgeWitnessAnswer(text(200, cosignatureLine(other, noteBody(note), 42)), note, pinned).kind).toBe(
      'refused',
    );
    expect(judgeWitnessAnswer(text(200, `${line}${line}`), note, pinned).kind).toBe('refused');
  });

  it('409 with text/x.tlog.size teaches the size held', () => {
    expect(judgeWitnessAnswer(text(409, '5\n', 'text/x.tlog.size'), note, pinned)).toEqual({
      kind: 'resync',
      heldSize: 5,
    });
    expect(judgeWitnessAnswer(text(409, 'five', 'text/x.tlog.size'), note, pinned).kind).toBe('retry');
  });

  it('422 is a fork as the witness sees it; 403/404 refusals; 5xx and 429 retried', () => {
    const problem = JSON.stringify({ code: 'WITNESS_INCONSISTENT', detail: 'same size 8, another root' });
    expect(judgeWitnessAnswer(text(422, problem, 'application/problem+json'), note, pinned)).toEqual({
      kind: 'inconsistent',
      detail: 'HTTP 422 WITNESS_INCONSISTENT same size 8, another root',
    });
    expect(judgeWitnessAnswer(text(404, '{}', 'application/problem+json'), note, pinned).kind).toBe(
      'refused',
    );
    expect(judgeWitnessAnswer(text(502, 'bad gateway'), note, pinned).kind).toBe('retry');
    expect(judgeWitnessAnswer(text(429, ''), note, pinned).kind).toBe('retry');
  });

  it('sends the size last cosigned, or 0 when it knows none or it is beyond its own tree', () => {
    expect(oldSizeToSend(undefined, 8)).toBe(0);
    expect(oldSizeToSend(5, 8)).toBe(5);
    expect(oldSizeToSend(9, 8)).toBe(0);
  });
});
