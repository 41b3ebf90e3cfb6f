import {
  CosignatureError,
  noteBody,
  verifyCosignature,
  type Cosignature,
  type CosignerVerifier,
} from '../../county/witness/cosignature.rules.ts';

/**
 * The agency's side of C2SP tlog-witness "add-checkpoint" (docs/county.md "Submitting checkpoints"): what
 * it sends and what it makes of each answer. Pure: the submitter (checkpoint-submitter.ts) does the I/O.
 */

/**
 * tlog-witness: `old <size>`, the consistency proof lines (base64 hashes, as `/log/proof/consistency` gives
 * them), an empty line, the signed checkpoint.
 */
export function addCheckpointBody(oldSize: number, proof: readonly string[], note: string): string {
  return `old ${oldSize}\n${proof.map((hash) => `${hash}\n`).join('')}\n${note}`;
}

/** What the submitter does next. */
export type WitnessAnswer =
  /** 200 with a valid cosignature by the pinned key: keep it. */
  | { readonly kind: 'cosigned'; readonly line: string; readonly cosignature: Cosignature }
  /** 409: the witness holds another size; send again from it (tlog-witness: the client learns the size). */
  | { readonly kind: 'resync'; readonly heldSize: number }
  /** 422: the witness finds this checkpoint inconsistent with what it holds (a fork, as it sees it). */
  | { readonly kind: 'inconsistent'; readonly detail: string }
  /** 403, 404, 400, a bad cosignature: wrong pairing or configuration; retried slowly, reported. */
  | { readonly kind: 'refused'; readonly detail: string }
  /** Network error, 5xx, 429 and anything unexpected: retry with backoff. */
  | { readonly kind: 'retry'; readonly detail: string };

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const SIZE_BODY = /^(0|[1-9][0-9]*)\n$/;

/** The problem's title/detail of a problem+json body, for the log (it carries no personal data). */
function problemText(answer: HttpAnswer): string {
  if (!answer.contentType.includes('json')) return `HTTP ${answer.status}`;
  try {
    const problem = JSON.parse(answer.body) as { code?: unknown; detail?: unknown; title?: unknown };
    return [`HTTP ${answer.status}`, problem.code, problem.detail ?? problem.title]
      .filter((part) => typeof part === 'string' || typeof part === 'number')
      .join(' ');
  } catch {
    return `HTTP ${answer.status}`;
  }
}

/**
 * Judges the witness's answer to a checkpoint whose signed note is `note`. A 200 is only `cosigned` when its
 * body is one cosignature line by the pinned witness key over exactly this checkpoint.
 */
export function judgeWitnessAnswer(
  answer: HttpAnswer,
  note: string,
  witness: CosignerVerifier,
): WitnessAnswer {
  const { status } = answer;
  if (status === 200) {
    try {
      const line = answer.body.endsWith('\n') ? answer.body : `${answer.body}\n`;
      if (line.indexOf('\n') !== line.length - 1) throw new CosignatureError('应答不是一行联署签名');
      return { kind: 'cosigned', line, cosignature: verifyCosignature(line, witness, noteBody(note)) };
    } catch (err) {
      return { kind: 'refused', detail: `见证方的应答不是有效的联署签名：${(err as Error).message}` };
    }
  }
  if (status === 409) {
    const match = answer.contentType.startsWith('text/x.tlog.size') ? SIZE_BODY.exec(answer.body) : null;
    const size = match ? Number(match[1]) : NaN;
    if (Number.isSafeInteger(size)) return { kind: 'resync', heldSize: size };
    return { kind: 'retry', detail: 'HTTP 409 without a text/x.tlog.size body' };
  }
  if (status === 422) return { kind: 'inconsistent', detail: problemText(answer) };
  if (status === 429 || status >= 500) return { kind: 'retry', detail: problemText(answer) };
  if (status >= 400) return { kind: 'refused', detail: problemText(answer) };
  return { kind: 'retry', detail: `unexpected HTTP ${status}` };
}

/**
 * The old size to send: the size the witness last cosigned for us (or told us it holds), unless it is
 * beyond our own tree — then something is wrong on one side, and the 0 we send gets a 409 with the truth.
 */
export function oldSizeToSend(known: number | undefined, treeSize: number): number {
  if (known === undefined || known > treeSize) return 0;
  return known;
}
