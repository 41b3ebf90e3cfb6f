import { createHash } from 'node:crypto';
import {
  openPush,
  PushSignatureError,
  pushDigests,
  signReceipt,
  subjectIdOf,
  type PushDigests,
  type PushEnvelope,
  type PushReceipt,
} from '../../exchange/push-envelope.ts';
import { runCommand, systemActor, type CommandDeps } from '../../platform/audit/command.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { cachedVerifierKey } from '../../platform/record-log/note.ts';
import { logByOrigin } from '../witness/witness.store.ts';
import type { ReceiptKey } from '../registry/receipt-key.ts';
import { standingOf } from '../registry/registry.rules.ts';
import { agencyEvents, countyAgencyByCreditCode, lockCountyAgency } from '../registry/registry.store.ts';
import {
  contentRefusal,
  ingestEnvelope,
  judgeSequence,
  openBatchCheckpoint,
  overlapRefusal,
  rangeRefusal,
  recordProofRefusal,
  witnessedRefusal,
  type IngestEnvelope,
  type Refusal,
} from './ingest.rules.ts';
import {
  heldHashes,
  heldLastSequence,
  heldReceivedAt,
  insertBatch,
  insertRecords,
  insertRejection,
  storedBatch,
  witnessedRoot,
} from './ingest.store.ts';

/**
 * The county platform's ingest of pushed batches (issue 14 item 2, platform side; docs/county-push.md
 * "The ingest"): `POST /county/push`, a machine's call recorded with the system actor. In one transaction
 * that locks the agency's `county_agencies` row, the batch is checked in the protocol's order and its new
 * records stored with a signed receipt (`county.batch_received`); a batch wholly held gets its receipt
 * again and writes nothing. A refusal whose credit code can be read is recorded in a command of its own
 * (`county.push_rejected`, `county_push_rejections`) before the problem is answered.
 */
export interface Received {
  readonly receipt: PushReceipt;
  /** Whether this call stored records (false: the batch was wholly held already). */
  readonly stored: boolean;
}

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const refusalError = (r: Refusal): AppError =>
  new AppError(r.code, {
    detail: r.detail,
    ...(r.path ? { errors: [{ path: r.path, message: r.detail }] } : {}),
  });

const isPushRefusal = (err: unknown): err is AppError =>
  err instanceof AppError && String(err.code).startsWith('PUSH_');

/** A batch wholly held leaves the command's transaction through here (nothing to record). */
class Held extends Error {
  constructor(readonly receipt: PushReceipt) {
    super('held');
  }
}

/** What a refusal is recorded with: whatever of the batch could be read. */
interface Attempt {
  creditCode: string | null;
  first: number | null;
  last: number | null;
  /** The envelope's body SHA-256 once it is read as one; until then that of the request as sent. */
  bodySha256: () => string;
}

function attemptOf(json: unknown, raw: string): Attempt {
  const batch = (json as { batch?: Record<string, unknown> } | null)?.batch;
  const code = typeof batch?.agencyCreditCode === 'string' ? batch.agencyCreditCode : null;
  const seq = (v: unknown) => (Number.isSafeInteger(v) && (v as number) >= 1 ? (v as number) : null);
  return {
    creditCode: code !== null && CREDIT_CODE.test(code) ? code : null,
    first: seq(batch?.firstSequence),
    last: seq(batch?.lastSequence),
    // Hashed only when a refusal is recorded: an accepted batch is hashed once, as its note signs it.
    bodySha256: () => sha256Hex(raw),
  };
}

/** The envelope as read (400 if it is not one), its contents as sent: the signature covers those. */
function parse(json: unknown): IngestEnvelope {
  if (json === undefined) throw new AppError('PUSH_BAD_REQUEST', { detail: '请求内容不是有效的 JSON' });
  const parsed = ingestEnvelope.safeParse(json);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.slice(0, 20).map((issue) => ({
      path: ['body', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw new AppError('PUSH_BAD_REQUEST', { detail: '请求内容不是推送批次（pushEnvelope）', errors });
  }
  // Records keep their content as sent: fields added within v1 stay in what is hashed and stored.
  const sent = (json as IngestEnvelope).batch.records;
  const records = parsed.data.batch.records.map((r, i) => ({ ...r, content: sent[i]!.content }));
  return { ...parsed.data, batch: { ...parsed.data.batch, records } };
}

/** `raw` is the request body as text (JSON). */
export async function receivePush(deps: CommandDeps, key: () => ReceiptKey, raw: string): Promise<Received> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const attempt = attemptOf(json ?? null, raw);
  try {
    const envelope = parse(json);
    // The note signs the batch and proof as sent (RFC 8785), not as parsed: hashed once, here, with each
    // record's content canonicalised once for its hash, the body hash and what is stored.
    const sent = json as PushEnvelope;
    const digests = pushDigests(sent.batch, sent.proof);
    attempt.bodySha256 = () => digests.bodySha256;
    const range = rangeRefusal(envelope.batch);
    if (range) throw refusalError(range);
    return await ingest(deps, key, envelope, sent, digests);
  } catch (err) {
    if (isPushRefusal(err) && attempt.creditCode !== null) {
      await recordRejection(deps, attempt, err);
    }
    throw err;
  }
}

async function ingest(
  deps: CommandDeps,
  key: () => ReceiptKey,
  envelope: IngestEnvelope,
  sent: PushEnvelope,
  digests: PushDigests,
): Promise<Received> {
  const { batch, proof } = envelope;
  const code = batch.agencyCreditCode;
  try {
    const receipt = await runCommand(deps, systemActor, async (ctx) => {
      const agency = await lockCountyAgency(ctx.trx, { creditCode: code });
      if (!agency) {
        throw new AppError('PUSH_UNKNOWN_AGENCY', {
          detail: `统一社会信用代码为 ${code} 的机关未在本平台备案`,
        });
      }
      const events = await agencyEvents(ctx.trx, [agency.id]);
      const standing = standingOf(
        agency.push_keys,
        events.map((e) => ({
          kind: e.kind,
          reason: e.reason,
          pushKeys: e.push_keys,
        })),
      );
      if (standing.suspended) {
        throw new AppError('PUSH_AGENCY_SUSPENDED', {
          detail: `该机关的推送已被暂停：${standing.suspendedReason ?? ''}`,
        });
      }
      let bodySha256: string;
      try {
        bodySha256 = openPush(
          sent,
          standing.pushKeys.map((k) => cachedVerifierKey(k.vkey)),
          digests.bodySha256,
        );
      } catch (err) {
        if (!(err instanceof PushSignatureError)) throw err;
        throw new AppError('PUSH_BAD_SIGNATURE', { detail: err.message });
      }

      const heldLast = await heldLastSequence(ctx.trx, agency.id);
      const judged = judgeSequence(heldLast, batch.firstSequence, batch.lastSequence);
      if (judged.outcome === 'gap') {
        throw new AppError('PUSH_SEQUENCE_GAP', {
          detail: `平台已接收至序号 ${heldLast}，下一批应从序号 ${judged.expected} 开始`,
          extra: { expected: judged.expected },
        });
      }
      const content = contentRefusal(batch.records, digests.contentHashes);
      if (content) throw refusalError(content);
      const overlapEnd = Math.min(batch.lastSequence, heldLast);
      if (batch.firstSequence <= overlapEnd) {
        const held = await heldHashes(ctx.trx, agency.id, batch.firstSequence, overlapEnd);
        const overlap = overlapRefusal(batch.records, held);
        if (overlap) throw refusalError(overlap);
      }
      if (judged.outcome === 'held') {
        const stored = await storedBatch(
          ctx.trx,
          agency.id,
          batch.firstSequence,
          batch.lastSequence,
          bodySha256,
        );
        if (stored) throw new Held(stored.receipt as PushReceipt);
        // Held under other batches (the sender split or regrouped them): a receipt of this range, dated
        // when its last record arrived, so a repeat of this request gets the same receipt again.
        const at = await heldReceivedAt(ctx.trx, agency.id, batch.firstSequence, batch.lastSequence);
        throw new Held(
          signReceipt(
            {
              agencyCreditCode: code,
              firstSequence: batch.firstSequence,
              lastSequence: batch.lastSequence,
              bodySha256,
              receivedAt: (at ?? ctx.now).toISOString(),
            },
            [key().signer],
          ),
        );
      }

      const log = await logByOrigin(ctx.trx, agency.log_origin);
      const logKeys = (log?.verifier_keys ?? []).map(cachedVerifierKey);
      const checkpoint = openBatchCheckpoint(proof.checkpoint, logKeys, agency.log_origin);
      if ('code' in checkpoint) throw refusalError(checkpoint);
      const witnessed = witnessedRefusal(
        checkpoint,
        await witnessedRoot(ctx.trx, agency.log_origin, checkpoint.size),
      );
      if (witnessed) throw refusalError(witnessed);
      const fresh = batch.records.map((_, i) => i).filter((i) => batch.records[i]!.sequence >= judged.from);
      const proofs = recordProofRefusal(
        batch.records,
        fresh,
        proof.entries,
        checkpoint,
        logKeys,
        agency.log_origin,
        agency.remote_agency_id,
      );
      if (proofs) throw refusalError(proofs);

      const receivedAt = ctx.now;
      const signed = signReceipt(
        {
          agencyCreditCode: code,
          firstSequence: batch.firstSequence,
          lastSequence: batch.lastSequence,
          bodySha256,
          receivedAt: receivedAt.toISOString(),
        },
        [key().signer],
      );
      const stored = await insertBatch(ctx.trx, {
        id: newId(),
        county_agency_id: agency.id,
        first_sequence: batch.firstSequence,
        last_sequence: batch.lastSequence,
        body_sha256: bodySha256,
        checkpoint: proof.checkpoint,
        receipt: JSON.stringify(signed),
        received_at: receivedAt,
      });
      const records = await insertRecords(
        ctx.trx,
        fresh.map((i) => {
          const r = batch.records[i]!;
          return {
            county_agency_id: agency.id,
            sequence: r.sequence,
            type: r.type,
            subject_id: subjectIdOf(r.type, r.content),
            // The content as sent, canonical (JSON text is what a jsonb column takes).
            content: digests.contents[i]!,
            content_hash: r.contentHash,
            // A checkpoint record is proven by its own signature, not by an entry: no index is claimed.
            log_index: r.type === 'checkpoint' ? null : r.logIndex,
            batch_id: stored.id,
            received_at: receivedAt,
          };
        }),
      );
      await ctx.record({
        kind: 'county.batch_received',
        agencyId: null,
        subjectType: 'county_batch',
        subjectId: stored.id,
        record: { ...stored, records },
      });
      return signed;
    });
    return { receipt, stored: true };
  } catch (err) {
    if (err instanceof Held) return { receipt: err.receipt, stored: false };
    throw err;
  }
}

async function recordRejection(deps: CommandDeps, attempt: Attempt, error: AppError): Promise<void> {
  const creditCode = attempt.creditCode!;
  await runCommand(deps, systemActor, async (ctx) => {
    const agency = await countyAgencyByCreditCode(ctx.trx, creditCode);
    const row = await insertRejection(ctx.trx, {
      id: newId(),
      county_agency_id: agency?.id ?? null,
      credit_code: creditCode,
      first_sequence: attempt.first,
      last_sequence: attempt.last,
      code: error.code,
      reason: (error.detail ?? error.title).slice(0, 2000),
      body_sha256: attempt.bodySha256(),
      rejected_at: ctx.now,
    });
    await ctx.record({
      kind: 'county.push_rejected',
      agencyId: null,
      subjectType: 'county_push_rejection',
      subjectId: row.id,
      record: row,
    });
  });
}
