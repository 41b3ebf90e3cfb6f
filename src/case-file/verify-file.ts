import { createHash } from 'node:crypto';
import PizZip from 'pizzip';
import { decodeBase64 } from '../platform/record-log/bytes.ts';
import { openCheckpoint } from '../platform/record-log/checkpoint.ts';
import { leafHash, verifyInclusion } from '../platform/record-log/merkle.ts';
import { parseVerifierKey, type NoteVerifier } from '../platform/record-log/note.ts';
import { MANIFEST_FORMAT, MANIFEST_PATH, type Manifest, type ManifestItem } from './case-file.rules.ts';

/**
 * `sanxiang verify-file`: checks an exported case file offline, with nothing but the zip and (better) the
 * instance's verifier key obtained independently (`sanxiang log key`, or /log/key):
 *   1. the signed checkpoint in the manifest verifies with the key (the key in the zip is used only when
 *      none is given, and the result says so);
 *   2. every item's bytes hash to the SHA-256 the manifest gives;
 *   3. the item's log entry commits exactly that SHA-256 (`fileSha256`), and its inclusion proof leads
 *      from the entry's leaf hash to the checkpoint's root (RFC 9162 §2.1.3.2).
 * Any failure names the item.
 */
export interface FileProblem {
  item: string;
  message: string;
}

export interface FileVerification {
  ok: boolean;
  checked: number;
  /** Whether the checkpoint was checked with a key given by the caller rather than the one in the zip. */
  keyGiven: boolean;
  checkpointSize: number | null;
  problems: FileProblem[];
}

const nameOf = (item: ManifestItem) => `${item.path}（${item.title}${item.number ? ` ${item.number}` : ''}）`;

function fail(problems: FileProblem[], keyGiven: boolean): FileVerification {
  return { ok: false, checked: 0, keyGiven, checkpointSize: null, problems };
}

function parseManifest(zip: PizZip): Manifest | string {
  const file = zip.file(MANIFEST_PATH);
  if (!file) return '压缩包中没有 manifest.json';
  try {
    const manifest = JSON.parse(file.asText()) as Manifest;
    if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.items) || !manifest.log) {
      return `manifest.json 不是 ${MANIFEST_FORMAT} 格式`;
    }
    return manifest;
  } catch {
    return 'manifest.json 不是有效的 JSON';
  }
}

function checkItem(zip: PizZip, item: ManifestItem, size: number, root: Uint8Array): string | null {
  const file = zip.file(item.path);
  if (!file) return '压缩包中缺少该文件';
  const bytes = file.asUint8Array();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== item.sha256)
    return `SHA-256 与清单不符（文件 ${sha256}，清单 ${item.sha256}），文件已被改动`;
  let entry: { fileSha256?: unknown };
  try {
    entry = JSON.parse(item.proof.entry) as { fileSha256?: unknown };
  } catch {
    return '记录日志条目不是有效的 JSON';
  }
  if (entry.fileSha256 !== item.sha256) return '记录日志条目记载的文件摘要与该文件不符';
  const hashes = item.proof.hashes.map(decodeBase64);
  if (hashes.some((h) => h === null)) return '包含证明格式不正确';
  try {
    verifyInclusion(
      item.proof.index,
      size,
      leafHash(new TextEncoder().encode(item.proof.entry)),
      hashes as Uint8Array[],
      root,
    );
  } catch (err) {
    return `包含证明不成立：${(err as Error).message}`;
  }
  return null;
}

export function verifyCaseFileZip(bytes: Uint8Array, keys: readonly string[] = []): FileVerification {
  const keyGiven = keys.length > 0;
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch {
    return fail([{ item: '(压缩包)', message: '不是有效的 zip 文件' }], keyGiven);
  }
  const manifest = parseManifest(zip);
  if (typeof manifest === 'string') return fail([{ item: MANIFEST_PATH, message: manifest }], keyGiven);
  let verifiers: NoteVerifier[];
  try {
    verifiers = (keyGiven ? keys : manifest.log.verifierKeys).map(parseVerifierKey);
  } catch (err) {
    return fail([{ item: '(验证公钥)', message: `验证公钥格式不正确：${(err as Error).message}` }], keyGiven);
  }
  let size: number;
  let root: Uint8Array;
  try {
    const { checkpoint } = openCheckpoint(manifest.log.checkpoint, verifiers, manifest.log.origin);
    size = checkpoint.size;
    root = checkpoint.root;
  } catch (err) {
    return fail([{ item: '(检查点)', message: `检查点签名验证失败：${(err as Error).message}` }], keyGiven);
  }
  const problems: FileProblem[] = [];
  for (const item of manifest.items) {
    const problem = checkItem(zip, item, size, root);
    if (problem) problems.push({ item: nameOf(item), message: problem });
  }
  if (manifest.pdf) {
    const file = zip.file(manifest.pdf.path);
    const digest = file ? createHash('sha256').update(file.asUint8Array()).digest('hex') : null;
    if (digest !== manifest.pdf.sha256) {
      problems.push({
        item: `${manifest.pdf.path}（卷宗 PDF）`,
        message: file ? 'SHA-256 与清单不符，文件已被改动' : '压缩包中缺少该文件',
      });
    }
  }
  return {
    ok: problems.length === 0,
    checked: manifest.items.length,
    keyGiven,
    checkpointSize: size,
    problems,
  };
}
