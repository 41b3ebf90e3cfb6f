import fs from 'node:fs';
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { UNSCOPED_MARK } from './agency-scope.ts';
import { businessTables } from './business-tables.ts';

/**
 * A Kysely plugin that fails any statement on a business table that does not constrain `agency_id`
 * (issue 11). On in every test run (`SANXIANG_SCOPE_GUARD=throw`, set by vitest.config.ts and passed to
 * the server processes tests start); off in production, where it would only cost time.
 *
 * A statement passes when every business table it reads or writes — in FROM, a JOIN, UPDATE, DELETE or
 * INSERT, at any depth (sub-queries and CTEs are checked as statements of their own) — is constrained:
 * its `agency_id` is referenced in the statement's WHERE or in the table's JOIN condition (qualified by the
 * table's name or alias, or unqualified), or, for an INSERT, is one of the columns written. A statement
 * marked `unscoped` (agency-scope.ts) passes as it is. Raw SQL (`sql` templates run on their own) passes
 * when it names no business table after FROM, JOIN, INTO or UPDATE, mentions `agency_id`, or carries the
 * unscoped mark in its text.
 *
 * With `SANXIANG_SCOPE_GUARD=report:FILE` it appends each violation (statement and stack) to FILE as a
 * JSON line instead of throwing.
 */
export class AgencyScopeGuard implements KyselyPlugin {
  private readonly tables: ReadonlySet<string>;

  constructor(
    private readonly mode: { throws: true } | { reportTo: string },
    tables: readonly string[] = businessTables,
  ) {
    this.tables = new Set(tables);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const problems = unscopedTablesOf(args.node, this.tables);
    if (problems.length > 0) {
      const message = `statement on ${problems.join(', ')} does not constrain agency_id (issue 11: a store function takes an AgencyScope)`;
      if ('throws' in this.mode) throw new AgencyScopeViolation(message);
      fs.appendFileSync(
        this.mode.reportTo,
        `${JSON.stringify({ tables: problems, stack: new Error(message).stack })}\n`,
      );
    }
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

export class AgencyScopeViolation extends Error {
  override name = 'AgencyScopeViolation';
}

/** The guard configured by `SANXIANG_SCOPE_GUARD`, or none. */
export function agencyScopeGuardFromEnv(env: NodeJS.ProcessEnv = process.env): AgencyScopeGuard | null {
  const value = env.SANXIANG_SCOPE_GUARD;
  if (!value || value === 'off') return null;
  if (value === 'throw') return new AgencyScopeGuard({ throws: true });
  if (value.startsWith('report:')) return new AgencyScopeGuard({ reportTo: value.slice('report:'.length) });
  throw new Error(`SANXIANG_SCOPE_GUARD: expected throw, report:FILE or off, not ${value}`);
}

/** The business tables of a statement (and of its sub-statements) that it leaves unconstrained. */
export function unscopedTablesOf(root: OperationNode, tables: ReadonlySet<string>): string[] {
  if (isMarkedUnscoped(root)) return [];
  if (root.kind === 'RawNode') return rawProblems(root as RawLike, tables);
  const problems: string[] = [];
  for (const statement of statementsIn(root)) problems.push(...problemsOf(statement, tables));
  return [...new Set(problems)];
}

type Node = OperationNode & Record<string, unknown>;
interface RawLike extends OperationNode {
  sqlFragments: readonly string[];
}

const STATEMENT_KINDS = new Set(['SelectQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'InsertQueryNode']);

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}

/** Every statement node of the tree, the root included, in no particular order. */
function statementsIn(root: OperationNode): Node[] {
  const found: Node[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) return;
    if (STATEMENT_KINDS.has(value.kind)) found.push(value);
    for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) visit(child);
  };
  visit(root);
  return found;
}

function isMarkedUnscoped(node: OperationNode): boolean {
  const modifiers = (node as { endModifiers?: readonly OperationNode[] }).endModifiers ?? [];
  return modifiers.some((m) => {
    const raw = (m as { rawModifier?: OperationNode }).rawModifier ?? m;
    return raw.kind === 'RawNode' && (raw as RawLike).sqlFragments.join('').includes(UNSCOPED_MARK);
  });
}

interface TableRef {
  table: string;
  alias: string | null;
  /** The JOIN condition, for a joined table. */
  on: unknown;
}

function identifier(node: unknown): string | null {
  if (!isNode(node)) return null;
  if (node.kind === 'IdentifierNode') return node.name as string;
  if (node.kind === 'SchemableIdentifierNode') return identifier(node.identifier);
  if (node.kind === 'TableNode') return identifier(node.table);
  return null;
}

function tableRefOf(node: unknown, on: unknown = undefined): TableRef | null {
  if (!isNode(node)) return null;
  if (node.kind === 'TableNode') {
    const table = identifier(node);
    return table ? { table, alias: null, on } : null;
  }
  if (node.kind === 'AliasNode' && isNode(node.node) && node.node.kind === 'TableNode') {
    const table = identifier(node.node);
    return table ? { table, alias: identifier(node.alias), on } : null;
  }
  return null; // a sub-query or CTE reference: its own statement is checked on its own
}

function tablesOf(statement: Node): TableRef[] {
  const refs: (TableRef | null)[] = [];
  const from = statement.from as { froms?: unknown[] } | undefined;
  for (const f of from?.froms ?? []) refs.push(tableRefOf(f));
  for (const j of (statement.joins as Node[] | undefined) ?? []) refs.push(tableRefOf(j.table, j.on));
  const using = statement.using as { tables?: unknown[] } | undefined;
  for (const u of using?.tables ?? []) refs.push(tableRefOf(u));
  if (statement.kind === 'UpdateQueryNode') {
    const table = statement.table;
    // `updateTable(t)` puts the table in `table`; kysely wraps several in a list
    if (isNode(table) && table.kind === 'ListNode') {
      for (const item of (table.items as unknown[]) ?? []) refs.push(tableRefOf(item));
    } else refs.push(tableRefOf(table));
  }
  if (statement.kind === 'InsertQueryNode') refs.push(tableRefOf(statement.into));
  return refs.filter((r): r is TableRef => r !== null);
}

/** The qualifiers (table name or alias, '' for none) of `agency_id` references in a condition. */
function agencyReferences(condition: unknown): Set<string> {
  const qualifiers = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) return;
    if (STATEMENT_KINDS.has(value.kind)) return; // a sub-query's references constrain its own tables
    if (value.kind === 'ReferenceNode') {
      const column = value.column as Node;
      if (column.kind === 'ColumnNode' && identifier(column.column) === 'agency_id') {
        qualifiers.add(value.table ? (identifier(value.table) ?? '') : '');
      }
      return;
    }
    if (value.kind === 'ColumnNode' && identifier(value.column) === 'agency_id') {
      qualifiers.add('');
      return;
    }
    if (
      value.kind === 'RawNode' &&
      (value as unknown as RawLike).sqlFragments.join('').includes('agency_id')
    ) {
      qualifiers.add('');
      return;
    }
    for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) visit(child);
  };
  visit(condition);
  return qualifiers;
}

function problemsOf(statement: Node, tables: ReadonlySet<string>): string[] {
  const refs = tablesOf(statement).filter((r) => tables.has(r.table));
  if (refs.length === 0) return [];
  if (statement.kind === 'InsertQueryNode') {
    const columns = (statement.columns as Node[] | undefined) ?? [];
    return columns.some((c) => identifier(c.column) === 'agency_id') ? [] : [refs[0]!.table];
  }
  const inWhere = agencyReferences(statement.where);
  const problems: string[] = [];
  for (const ref of refs) {
    const names = [ref.alias ?? ref.table, ref.table];
    const constrainedBy = (q: Set<string>) => q.has('') || names.some((n) => q.has(n));
    if (constrainedBy(inWhere) || constrainedBy(agencyReferences(ref.on))) continue;
    problems.push(ref.alias ? `${ref.table} as ${ref.alias}` : ref.table);
  }
  return problems;
}

const RAW_TABLE = /\b(?:from|join|into|update)\s+("?)([a-z_]+)\1/gi;

function rawProblems(raw: RawLike, tables: ReadonlySet<string>): string[] {
  const text = raw.sqlFragments.join(' ? ');
  if (text.includes('agency_id') || text.includes(UNSCOPED_MARK)) return [];
  const named = [...text.matchAll(RAW_TABLE)].map((m) => m[2]!.toLowerCase()).filter((t) => tables.has(t));
  return [...new Set(named)];
}
