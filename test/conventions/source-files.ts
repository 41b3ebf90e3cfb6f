import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** The source files under `dir` (relative to the repository), tests left out, as repository paths. */
export function sourceFiles(dir: string, ext = /\.tsx?$/): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(path.join(root, at), { withFileTypes: true })) {
      const rel = path.posix.join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(rel);
      } else if (ext.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

export const readSource = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
