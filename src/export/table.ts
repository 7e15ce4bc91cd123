/** The languages of column headers. */
export type Lang = 'en' | 'zh';
/** Every header language, in the order the CLI's --lang and the dashboard list them. */
export const LANGS = ['en', 'zh'] as const satisfies readonly Lang[];

/**
 * How a column is written: `text` is always a string cell (never a formula, never a number
 * guessed from digits), `number` a number, `duration` seconds shown as h:mm:ss (a real
 * duration in xlsx, so sums and averages work; `1:02:05` text in CSV).
 */
type ColumnKind = 'text' | 'number' | 'duration';

/** One column of a table: a machine key (JSON), headers in each language, kind and width in characters. */
export interface Column {
  key: string;
  header: Readonly<Record<Lang, string>>;
  kind: ColumnKind;
  width: number;
}

/** A cell before formatting: text, a number (seconds for a duration), or empty. */
export type Cell = string | number | null;

/** A named table (a sheet in xlsx, a file in a folder of CSVs, a key in JSON). */
export interface TableSpec {
  name: string;
  columns: readonly Column[];
}

/** Writes rows of one table; the writer of the whole file holds no more than a row. */
export interface TableSink {
  add(row: readonly Cell[]): Promise<void>;
}

/** A file of tables, opened one after the other. */
export interface TablesWriter {
  table(spec: TableSpec): Promise<TableSink>;
  close(): Promise<void>;
}

/** 3725 → `1:02:05` (hours are not wrapped at 24). */
export function hms(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (x: number): string => String(x).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
