import fs from 'node:fs';
import path from 'node:path';
import { AppError, type ErrorCode } from './errors.ts';

/**
 * A secret key kept in a file of the data directory (the witness's, the county's receipt key, the agency's
 * push key): made at first use with mode 0600 — once, even with two processes racing — and, like ssh with
 * its private keys, refused when others can read it. `parse` opens the file's text; whatever it throws is
 * answered as `code` naming the file.
 */
export interface PrivateKeyFile<K> {
  dir: string;
  file: string;
  /** What the refusals call the key, e.g. 推送签名密钥. */
  label: string;
  code: ErrorCode;
  /** A new key as the file's text (without the final newline). */
  generate: () => string;
  parse: (text: string) => K;
}

function read<K>(spec: PrivateKeyFile<K>, file: string): K {
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new AppError(spec.code, {
      detail: `${spec.label}文件 ${file} 的权限过宽，请执行 chmod 600 ${file}`,
    });
  }
  return open(spec, fs.readFileSync(file, 'utf8'), file);
}

function open<K>(spec: PrivateKeyFile<K>, text: string, file: string): K {
  try {
    return spec.parse(text);
  } catch (err) {
    throw new AppError(spec.code, { detail: `${spec.label}文件 ${file} 无法读取：${String(err)}` });
  }
}

export function loadPrivateKeyFile<K>(spec: PrivateKeyFile<K>): K {
  const file = path.join(spec.dir, spec.file);
  if (fs.existsSync(file)) return read(spec, file);
  const text = spec.generate();
  fs.mkdirSync(spec.dir, { recursive: true });
  try {
    fs.writeFileSync(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return read(spec, file);
  }
  return open(spec, text, file);
}
