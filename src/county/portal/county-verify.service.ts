import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { parseVerificationCode } from '../../platform/record-log/verification-code.ts';
import { countyAgencies } from './county-portal.service.ts';
import { witnessedCheckpointRow } from './county-portal.queries.ts';
import type { CountyAgency, VerifyAnswer } from './county-portal.schema.ts';
import { checkAgencyProof, type Expectation } from './county-verify.rules.ts';

/**
 * The county portal's verification of any registered agency's code (issue 14 item 4). Browsers cannot ask
 * another origin, so the county asks the agency — `/log/lookup` for the index, `/log/proof/inclusion` for the
 * entry and its proof in the tree the county's witness last cosigned — and checks the proof against the
 * root the witness holds (county-verify.rules.ts), not against anything the agency says. Without an agency
 * named, every registered agency is asked at once and the one whose entry matches the code's check answers.
 * An agency that does not answer within the timeout is said to be unreachable, by name.
 */
export interface CountyVerifyDeps {
  db: Db;
  /** Per request to an agency; default 5 s. */
  timeoutMs?: number;
}

export const DEFAULT_VERIFY_TIMEOUT_MS = 5000;

const lookupAnswer = z.object({ index: z.number().int().min(0) });
const proofAnswer = z.object({
  index: z.number().int().min(0),
  size: z.number().int().min(1),
  entry: z.string(),
  proof: z.array(z.string()).max(63),
});

class Unreachable extends Error {}
class NotFound extends Error {}

async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new Unreachable(timedOut ? `${timeoutMs / 1000} 秒内没有应答` : '无法连接');
  }
  if (response.status === 404) throw new NotFound();
  if (!response.ok) throw new Unreachable(`应答状态 ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new Unreachable('应答不是 JSON');
  }
}

type Attempt = { agency: CountyAgency; outcome: string } & (
  | { status: 'verified'; answer: VerifyAnswer }
  | { status: 'failed' | 'unreachable' | 'not-witnessed' | 'not-found'; message: string }
);

async function attempt(
  deps: CountyVerifyDeps,
  agency: CountyAgency,
  lookupQuery: string,
  expect: Expectation,
  remoteAgencyId: string,
): Promise<Attempt> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const witnessed = await witnessedCheckpointRow(deps.db, agency.logOrigin);
  if (!witnessed)
    return {
      agency,
      status: 'not-witnessed',
      outcome: '平台尚未见证',
      message: `平台尚未见证${agency.name}的记录日志`,
    };
  const base = agency.baseUrl.replace(/\/+$/, '');
  try {
    const found = lookupAnswer.safeParse(await getJson(`${base}/log/lookup?${lookupQuery}`, timeoutMs));
    if (!found.success) throw new Unreachable('查找应答格式不正确');
    const index = found.data.index;
    const size = Number(witnessed.size);
    if (index >= size)
      return {
        agency,
        status: 'not-witnessed',
        outcome: '尚未见证',
        message: `该记录在${agency.name}记录日志的第 ${index} 条，平台最近见证的检查点只到 ${size} 条；见证通常在几分钟内完成，请稍后再试`,
      };
    const proof = proofAnswer.safeParse(
      await getJson(`${base}/log/proof/inclusion?index=${index}&size=${size}`, timeoutMs),
    );
    if (!proof.success) throw new Unreachable('证明应答格式不正确');
    const checked = checkAgencyProof(
      { size, rootHash: witnessed.root_hash },
      proof.data,
      expect,
      remoteAgencyId,
    );
    if (checked.status === 'other-agency')
      return { agency, status: 'not-found', outcome: '非本机关记录', message: checked.message };
    if (checked.status === 'failed')
      return {
        agency,
        status: 'failed',
        outcome: '核验未通过',
        message: `${agency.name}：${checked.message}`,
      };
    return {
      agency,
      status: 'verified',
      outcome: '已核验',
      answer: {
        status: 'verified',
        message: `已用${agency.name}的包含证明核对：该条目在平台见证的第 ${size} 条为止的检查点中`,
        agency: { id: agency.id, name: agency.name },
        index,
        code: checked.code,
        entry: {
          kind: checked.entry.kind,
          time: checked.entry.time,
          agency: checked.entry.agency,
          ...(checked.entry.fileSha256 ? { fileSha256: checked.entry.fileSha256 } : {}),
        },
        witnessed: { origin: witnessed.origin, size, rootHash: witnessed.root_hash, note: witnessed.note },
        proof: { entry: proof.data.entry, leafHash: checked.leafHash, inclusion: proof.data.proof },
        tried: [],
      },
    };
  } catch (err) {
    if (err instanceof NotFound)
      return {
        agency,
        status: 'not-found',
        outcome: '未找到',
        message: `${agency.name}的记录日志中没有这条记录`,
      };
    if (err instanceof Unreachable)
      return {
        agency,
        status: 'unreachable',
        outcome: `无法访问（${err.message}）`,
        message: `暂时无法访问${agency.name}的记录日志（${err.message}），请稍后再试`,
      };
    throw err;
  }
}

/** Verifies a code (or a file's SHA-256) against one agency's log, or every agency's. */
export async function verifyAtAgencies(
  deps: CountyVerifyDeps,
  query: { code?: string | undefined; sha256?: string | undefined; agencyId?: string | undefined },
): Promise<VerifyAnswer> {
  let lookupQuery: string;
  let expect: Expectation;
  if (query.code !== undefined) {
    const code = parseVerificationCode(query.code);
    if (!code)
      throw new AppError('VALIDATION_FAILED', {
        detail: '核验码格式应为 SX-数字-六位字母数字，例如 SX-1024-7K3QZD',
        errors: [{ path: 'querystring.code', message: '核验码格式不正确' }],
      });
    lookupQuery = `code=${encodeURIComponent(`SX-${code.index}-${code.check}`)}`;
    expect = { check: code.check };
  } else if (query.sha256 !== undefined) {
    lookupQuery = `sha256=${query.sha256}`;
    expect = { fileSha256: query.sha256 };
  } else {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'querystring.code', message: '请给出核验码或文件的 SHA-256' }],
    });
  }
  const all = await countyAgencies(deps.db);
  const candidates = query.agencyId ? all.filter((a) => a.id === query.agencyId) : all;
  if (query.agencyId && candidates.length === 0)
    throw new AppError('NOT_FOUND', {
      detail: '平台没有登记该执法机关',
      errors: [{ path: 'querystring.agencyId', message: '平台没有登记该执法机关' }],
    });
  const attempts = await Promise.all(
    candidates.map((a) => attempt(deps, a, lookupQuery, expect, a.remoteAgencyId)),
  );
  const tried = attempts.map((a) => ({ agencyId: a.agency.id, name: a.agency.name, outcome: a.outcome }));
  const verified = attempts.find((a) => a.status === 'verified');
  if (verified?.status === 'verified') return { ...verified.answer, tried };
  const none = { agency: null, index: null, code: null, entry: null, witnessed: null, proof: null, tried };
  for (const status of ['failed', 'unreachable', 'not-witnessed'] as const) {
    const hit = attempts.filter((a) => a.status === status);
    if (hit.length > 0) {
      const one = hit.length === 1 ? hit[0]! : undefined;
      return {
        ...none,
        status,
        agency: one ? { id: one.agency.id, name: one.agency.name } : null,
        message: hit.map((a) => ('message' in a ? a.message : '')).join('；'),
      };
    }
  }
  return {
    ...none,
    status: 'not-found',
    message:
      candidates.length === 1
        ? `${candidates[0]!.name}的记录日志中没有这条记录`
        : `本平台登记的 ${candidates.length} 个执法机关的记录日志中都没有这条记录`,
  };
}
