import { parseVerificationCode } from '../../../src/platform/record-log/verification-code.ts';
import { verifyResultHtml, type VerifyOutcome } from '../../../src/publicity/portal/pages/verify-result.ts';
import { LogVerificationError, toHex, verifyEntry } from '../log/log-client.ts';

/**
 * The public verification page's script (/portal/verify.js): the browser hashes a chosen file itself
 * (WebCrypto SHA-256, the file never leaves the device), finds the entry by that hash or by a pasted
 * verification code, then checks the inclusion proof against the signed checkpoint before saying anything.
 */

interface LookupAnswer {
  index: number;
  agencyName: string | null;
}

const result = document.getElementById('result');
const codeForm = document.getElementById('code-form');
const codeInput = document.getElementById('code');
const fileInput = document.getElementById('file');

function show(outcome: VerifyOutcome): void {
  if (result) result.innerHTML = verifyResultHtml(outcome).value;
}

async function lookup(query: string): Promise<LookupAnswer | VerifyOutcome> {
  const response = await fetch(`/log/lookup?${query}`, { headers: { accept: 'application/json' } });
  if (response.ok) return (await response.json()) as LookupAnswer;
  let detail = '';
  try {
    detail = ((await response.json()) as { detail?: string }).detail ?? '';
  } catch {
    // not JSON
  }
  if (response.status === 404) return { status: 'not-found', message: detail || '记录日志中没有找到' };
  if (response.status === 400) return { status: 'invalid', message: detail || '输入的内容不正确' };
  return { status: 'invalid', message: `服务器暂时无法处理（${response.status}），请稍后再试` };
}

/** Looks up, then checks the proof; `expect` says what the verified entry must match. */
async function verify(query: string, expect: { fileSha256: string } | { check: string }): Promise<void> {
  show({ status: 'working', message: '正在查找并核对包含证明……' });
  try {
    const found = await lookup(query);
    if ('status' in found) return show(found);
    const verified = await verifyEntry(found.index, { signature: true });
    const matches =
      'fileSha256' in expect
        ? verified.entry.fileSha256 === expect.fileSha256
        : verified.code.endsWith(`-${expect.check}`);
    if (!matches) return show({ status: 'failed', message: '日志中的条目与您提供的文件或核验码不符。' });
    show({
      status: 'verified',
      by: 'browser',
      index: verified.index,
      code: verified.code,
      time: verified.entry.time,
      agencyName: found.agencyName,
      kind: verified.entry.kind,
      size: verified.size,
      signature: verified.signature,
      ...(verified.entry.fileSha256 ? { fileSha256: verified.entry.fileSha256 } : {}),
    });
  } catch (err) {
    show({
      status: 'failed',
      message: err instanceof LogVerificationError ? err.message : '核验过程出错，请稍后再试。',
    });
  }
}

codeForm?.addEventListener('submit', (event) => {
  if (!(codeInput instanceof HTMLInputElement)) return;
  event.preventDefault();
  const text = codeInput.value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) {
    const sha256 = text.toLowerCase();
    void verify(`sha256=${sha256}`, { fileSha256: sha256 });
    return;
  }
  const code = parseVerificationCode(text);
  if (!code) {
    show({ status: 'invalid', message: '核验码格式应为 SX-数字-六位字母数字，例如 SX-1024-7K3QZD。' });
    return;
  }
  void verify(`code=${encodeURIComponent(text)}`, { check: code.check });
});

fileInput?.addEventListener('change', () => {
  if (!(fileInput instanceof HTMLInputElement)) return;
  const file = fileInput.files?.[0];
  if (!file) return;
  show({ status: 'working', message: `正在计算“${file.name}”的 SHA-256……` });
  void file
    .arrayBuffer()
    .then((bytes) => crypto.subtle.digest('SHA-256', bytes))
    .then((digest) => {
      const sha256 = toHex(new Uint8Array(digest));
      return verify(`sha256=${sha256}`, { fileSha256: sha256 });
    })
    .catch(() => show({ status: 'invalid', message: '无法读取该文件。' }));
});

// A code submitted without the script (server answer shown) is checked again by the browser.
if (codeInput instanceof HTMLInputElement && codeInput.value.trim() && codeForm instanceof HTMLFormElement) {
  codeForm.requestSubmit();
}
