import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles } from './source-files.ts';

/**
 * Issue 11 item 1: a store per area is the only module that knows SQL. Queries and commands live in
 * `x.store.ts` (reads may stay in `x.queries.ts` beside it); services call stores, routes call services.
 * The database platform itself (connections, dialects, migrations, the scope guard) is the other home.
 */
const SQL_HOMES = [/\.store\.ts$/, /\.queries\.ts$/, /^src\/platform\/db\//];

/** Kysely's builders and the `sql` tag: what only a store may use. */
const SQL_USE =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom|mergeInto)\(|\bsql(`|\.(raw|ref|table|id|lit|val|join)\b)|import\s*\{[^}]*\bsql\b[^}]*\}\s*from\s*'kysely'/;

const isHome = (file: string) => SQL_HOMES.some((home) => home.test(file));

describe('where SQL lives (issue 11)', () => {
  it('no file outside a store, its queries and the database platform builds SQL', () => {
    const offenders = [...sourceFiles('src'), ...sourceFiles('web/src')].filter(
      (file) => !isHome(file) && SQL_USE.test(readSource(file)),
    );
    expect(offenders).toEqual([]);
  });

  it('a statement is marked unscoped only inside a store function named …Unscoped', () => {
    const misplaced: string[] = [];
    for (const file of sourceFiles('src')) {
      if (file === 'src/platform/db/agency-scope.ts') continue;
      const text = readSource(file);
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (!/\$call\(unscoped\)|sanxiang:unscoped/.test(line)) return;
        // the nearest declaration above the mark names the function it is in
        const above = lines.slice(0, i + 1).reverse();
        const declaration = above.find((l) => /^(export )?(async )?function |^(export )?const \w+ =/.test(l));
        const name = declaration
          ?.match(/function (\w+)|const (\w+)/)
          ?.slice(1)
          .find(Boolean);
        if (!isHome(file) || !name?.endsWith('Unscoped')) misplaced.push(`${file}:${i + 1} (${name ?? '?'})`);
      });
    }
    expect(misplaced).toEqual([]);
  });
});
