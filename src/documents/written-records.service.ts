import { Readable } from 'node:stream';
import { runCommand } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { requireOwnSubject } from '../cases/case-subject.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { StagedBlob } from '../records/blob-store.ts';
import { documentsPolicy } from './documents.policy.ts';
import type { IssuedDocument, WrittenRecordInput } from './documents.schema.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import { issueDocument } from './document-issue.service.ts';
import { evidenceOf } from './documents.store.ts';
import { toIssuedDocument, type DocumentsDeps } from './documents.service.ts';
import { isPng } from './png.ts';
import { evidenceKindLabels } from '../records/evidence.rules.ts';

/**
 * Written records (笔录, issue 5 item 6): an on-site, interview, statement or hearing record taken on a
 * form becomes its document. The signatures arrive as PNG images from a signature pad; each is kept in
 * the blob store (content-addressed, like evidence) and embedded in the .docx. A party who refuses to
 * sign is recorded with the circumstances instead (the document says so where the signature would be).
 * AV evidence of the same subject is linked by id and listed on the record.
 */
const MAX_SIGNATURE_BYTES = 512 * 1024;

const evidenceKinds: Readonly<Record<string, string>> = evidenceKindLabels;

function signatureBytes(base64: string, path: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (!isPng(bytes) || bytes.length > MAX_SIGNATURE_BYTES) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path, message: '签名应为不超过 512 KB 的 PNG 图片' }],
    });
  }
  return bytes;
}

export async function takeWrittenRecord(
  deps: DocumentsDeps,
  principal: Principal,
  input: WrittenRecordInput,
): Promise<IssuedDocument> {
  authorize(principal, documentsPolicy.issue, principal.agencyId);
  await requireOwnSubject(deps.db, principal.agencyId, input);
  const party = input.signatures.party;
  const images = [
    ...('png' in party ? [signatureBytes(party.png, 'body.signatures.party.png')] : []),
    ...input.signatures.officers.map((png, i) => signatureBytes(png, `body.signatures.officers.${i}`)),
  ];
  const staged: StagedBlob[] = [];
  try {
    for (const bytes of images) {
      staged.push(
        await deps.blobs.stage(Readable.from([bytes]), {
          maxBytes: MAX_SIGNATURE_BYTES,
          sizeHint: bytes.length,
        }),
      );
    }
    const partyBlob = 'png' in party ? staged[0] : undefined;
    const officerBlobs = 'png' in party ? staged.slice(1) : staged;
    const row = await runCommand(deps, actorOf(principal), async (ctx) => {
      const evidence =
        input.evidenceIds.length === 0
          ? []
          : await evidenceOf(ctx.trx, ownScopeOf(principal), input.evidenceIds);
      const byId = new Map(evidence.map((e) => [e.id, e]));
      const errors = input.evidenceIds.flatMap((id, i) => {
        const e = byId.get(id);
        if (e && e.subject_type === input.subjectType && e.subject_id === input.subjectId) return [];
        return [{ path: `body.evidenceIds.${i}`, message: '该对象下没有这个音像记录或证据文件' }];
      });
      if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });
      for (const blob of staged) await blob.commit();
      const avText = input.evidenceIds
        .map((id) => byId.get(id)!)
        .map(
          (e, i) =>
            `${i + 1}. ${evidenceKinds[e.kind] ?? e.kind}${e.filename ? ` ${e.filename}` : ''}（SHA-256 ${e.sha256.slice(0, 16)}…）`,
        )
        .join('\n');
      return issueDocument(
        ctx,
        {
          agencyId: principal.agencyId,
          type: input.type,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          data: {
            parties: input.parties,
            officers: input.officers,
            fields: { ...input.fields, ...(avText ? { avEvidence: avText } : {}) },
            rows: input.rows,
            ...(input.date ? { date: input.date } : {}),
            signatures: {
              party: partyBlob ? { sha256: partyBlob.sha256 } : 'refused' in party ? party : null,
              officers: officerBlobs.map((b) => b.sha256),
            },
            evidenceIds: input.evidenceIds,
          },
        },
        undefined,
        // The record's fields are the request's own (not under `data`): problems name them there.
        'body',
      );
    });
    return toIssuedDocument(row);
  } finally {
    for (const blob of staged) await blob.discard();
  }
}
