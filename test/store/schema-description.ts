import type { Database } from 'better-sqlite3';
import type pg from 'pg';

/** A column in portable terms: what both databases can agree on. */
interface ColumnDescription {
  type: 'integer' | 'text' | 'blob' | 'real' | `other:${string}`;
  notNull: boolean;
}

interface TableDescription {
  columns: Record<string, ColumnDescription>;
  primaryKey: string[];
  /** Secondary indexes and unique constraints as `unique? (col, col) partial?`, sorted; expressions show as `<expr>`. */
  indexes: string[];
  /** `(col, ...) -> table(col, ...) on delete ACTION`, sorted. */
  foreignKeys: string[];
  checks: number;
}

export type SchemaDescription = Record<string, TableDescription>;

function portableType(declared: string): ColumnDescription['type'] {
  const t = declared.toLowerCase();
  if (t === 'integer' || t === 'bigint' || t === 'smallint') return 'integer';
  if (t === 'text' || t === 'character varying') return 'text';
  if (t === 'blob' || t === 'bytea') return 'blob';
  if (t === 'real' || t === 'double precision') return 'real';
  return `other:${t}`;
}

const index = (columns: readonly (string | null)[], unique: boolean, partial: boolean) =>
  `${unique ? 'unique ' : ''}(${columns.map((c) => c ?? '<expr>').join(', ')})${partial ? ' partial' : ''}`;
const foreignKey = (columns: readonly string[], table: string, refs: readonly string[], onDelete: string) =>
  `(${columns.join(', ')}) -> ${table}(${refs.join(', ')}) on delete ${onDelete}`;

/** The schema of a SQLite database, through PRAGMA table_info / index_list / index_info / foreign_key_list. */
export function describeSqlite(db: Database): SchemaDescription {
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
  const out: SchemaDescription = {};
  for (const { name, sql } of tables) {
    const info = db.pragma(`table_info(${name})`) as { name: string; type: string; notnull: number; pk: number }[];
    const columns: Record<string, ColumnDescription> = {};
    // A primary key column is never null (rowid alias or WITHOUT ROWID), whatever table_info says.
    for (const c of info) columns[c.name] = { type: portableType(c.type), notNull: c.notnull === 1 || c.pk > 0 };
    const primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const indexes = (db.pragma(`index_list(${name})`) as { name: string; unique: number; origin: string; partial: number }[])
      .filter((i) => i.origin !== 'pk')
      .map((i) => {
        const cols = (db.pragma(`index_info(${i.name})`) as { seqno: number; name: string | null }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
        return index(cols, i.unique === 1, i.partial === 1);
      })
      .sort();
    const fkRows = db.pragma(`foreign_key_list(${name})`) as { id: number; seq: number; table: string; from: string; to: string; on_delete: string }[];
    const foreignKeys = [...new Set(fkRows.map((f) => f.id))]
      .map((id) => {
        const parts = fkRows.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
        return foreignKey(parts.map((p) => p.from), parts[0]!.table, parts.map((p) => p.to), parts[0]!.on_delete);
      })
      .sort();
    out[name] = { columns, primaryKey, indexes, foreignKeys, checks: (sql.match(/\bCHECK\s*\(/gi) ?? []).length };
  }
  return out;
}

const PG_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** The schema of a PostgreSQL database's public schema, through information_schema and pg_catalog. */
export async function describePostgres(client: pg.Pool | pg.Client): Promise<SchemaDescription> {
  const out: SchemaDescription = {};
  const tables = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  for (const { name } of tables.rows) out[name] = { columns: {}, primaryKey: [], indexes: [], foreignKeys: [], checks: 0 };
  const columns = await client.query<{ table: string; column: string; type: string; nullable: string }>(
    "SELECT table_name AS table, column_name AS column, data_type AS type, is_nullable AS nullable FROM information_schema.columns WHERE table_schema = 'public'",
  );
  for (const c of columns.rows) if (out[c.table]) out[c.table]!.columns[c.column] = { type: portableType(c.type), notNull: c.nullable === 'NO' };
  const indexes = await client.query<{ table: string; unique: boolean; primary: boolean; partial: boolean; columns: (string | null)[] }>(
    `SELECT t.relname::text AS table, ix.indisunique AS unique, ix.indisprimary AS primary, ix.indpred IS NOT NULL AS partial,
       array(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS u(k, o)
             LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = u.k ORDER BY u.o) AS columns
     FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'`,
  );
  for (const i of indexes.rows) {
    const table = out[i.table];
    if (!table) continue;
    if (i.primary) table.primaryKey = i.columns.map((c) => c ?? '<expr>');
    else table.indexes.push(index(i.columns, i.unique, i.partial));
  }
  const constraints = await client.query<{ table: string; type: string; ref: string | null; on_delete: string; columns: string[]; refs: string[] | null }>(
    `SELECT c.conrelid::regclass::text AS table, c.contype::text AS type, c.confrelid::regclass::text AS ref, c.confdeltype::text AS on_delete,
       array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS u(k, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = u.k ORDER BY u.o) AS columns,
       array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS u(k, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = u.k ORDER BY u.o) AS refs
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype IN ('f', 'c')`,
  );
  for (const c of constraints.rows) {
    const table = out[c.table];
    if (!table) continue;
    if (c.type === 'c') table.checks++;
    else table.foreignKeys.push(foreignKey(c.columns, c.ref!, c.refs ?? [], PG_DELETE[c.on_delete] ?? c.on_delete));
  }
  for (const t of Object.values(out)) {
    t.indexes.sort();
    t.foreignKeys.sort();
  }
  return out;
}

/** Every way `b` differs from `a`, one line each, in a stable order. */
export function schemaDifferences(a: SchemaDescription, b: SchemaDescription, names = ['sqlite', 'postgres'] as const): string[] {
  const [na, nb] = names;
  const out: string[] = [];
  for (const table of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const ta = a[table];
    const tb = b[table];
    if (!ta || !tb) {
      out.push(`table ${table}: only in ${ta ? na : nb}`);
      continue;
    }
    for (const column of [...new Set([...Object.keys(ta.columns), ...Object.keys(tb.columns)])].sort()) {
      const ca = ta.columns[column];
      const cb = tb.columns[column];
      if (!ca || !cb) out.push(`column ${table}.${column}: only in ${ca ? na : nb}`);
      else {
        if (ca.type !== cb.type) out.push(`column ${table}.${column}: type ${ca.type} in ${na}, ${cb.type} in ${nb}`);
        if (ca.notNull !== cb.notNull) out.push(`column ${table}.${column}: ${ca.notNull ? 'NOT NULL' : 'nullable'} in ${na}, ${cb.notNull ? 'NOT NULL' : 'nullable'} in ${nb}`);
      }
    }
    if (ta.primaryKey.join(', ') !== tb.primaryKey.join(', ')) out.push(`primary key ${table}: (${ta.primaryKey.join(', ')}) in ${na}, (${tb.primaryKey.join(', ')}) in ${nb}`);
    for (const [kind, la, lb] of [
      ['index', ta.indexes, tb.indexes],
      ['foreign key', ta.foreignKeys, tb.foreignKeys],
    ] as const) {
      for (const x of la) if (!lb.includes(x)) out.push(`${kind} ${table} ${x}: only in ${na}`);
      for (const x of lb) if (!la.includes(x)) out.push(`${kind} ${table} ${x}: only in ${nb}`);
    }
    if (ta.checks !== tb.checks) out.push(`checks ${table}: ${ta.checks} in ${na}, ${tb.checks} in ${nb}`);
  }
  return out;
}
