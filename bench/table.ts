/** Plain-text tables for the bench output: a title, aligned columns, and notes under the table. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** One figure as data (issue 16 item 5), with the baseline measured in the same run where there is one. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
}

export interface Table {
  title: string;
  columns: Column[];
  rows: string[][];
  notes?: string[];
  /** The table's figures as data, for bench/results.json. */
  figures?: Figure[];
}

/** Every figure printed so far in this run, in order (printTable collects them). */
export const printedFigures: Figure[] = [];

export function formatTable(table: Table): string {
  const widths = table.columns.map((c, i) =>
    Math.max(c.header.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        return table.columns[i]?.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    '',
    `== ${table.title}`,
    line(table.columns.map((c) => c.header)),
    rule,
    ...table.rows.map(line),
    ...(table.notes ?? []).map((n) => `  ${n}`),
  ].join('\n');
}

export const printTable = (table: Table): void => {
  printedFigures.push(...(table.figures ?? []));
  console.log(formatTable(table));
};

/** A fixed number of decimals, for numbers in a column. */
export const fixed = (value: number, digits: number): string => value.toFixed(digits);

export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? Number.NaN) + hi) / 2;
}
