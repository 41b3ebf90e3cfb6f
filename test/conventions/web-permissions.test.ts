import { describe, expect, it } from 'vitest';
import { roles } from '../../src/platform/auth/roles.ts';
import { readSource, sourceFiles } from './source-files.ts';

/**
 * Issue 11 item 4: the workbench holds no copy of a role list. What a user may do comes from the server
 * (`/api/v1/me` abilities and each resource's `can`: web/src/auth/abilities.ts); the web names a role only
 * to show it (the header's role labels) or to pick people by theirs (the officers of a case).
 */
const roleName = new RegExp(`'(${roles.join('|')})'`, 'g');

describe('permissions in the workbench (issue 11)', () => {
  it('decides nothing from the signed-in person’s roles', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles('web/src')) {
      readSource(file)
        .split('\n')
        .forEach((line, i) => {
          const decides = /\bme\??\.roles\.(some|includes|has|every|filter)\(|\broles\.has\(/.test(line);
          const list = (line.match(roleName) ?? []).length >= 2;
          const mirrors = /mirrors src\/.*policy/i.test(line);
          if (decides || list || mirrors) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
