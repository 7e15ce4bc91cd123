import { open } from 'node:fs/promises';
import type { Cell, TableSink, TableSpec, TablesWriter } from './table.js';

/**
 * One JSON object `{ "<table>": [ { "<column key>": value } ] }`, written row by row (one
 * row per line) so a large report never sits in memory. Durations stay in seconds.
 *
 * @example
 * const w = await openJsonTables('report.json');
 */
export async function openJsonTables(path: string): Promise<TablesWriter> {
  const file = await open(path, 'w');
  let tables = 0;
  let closeTable = '';
  await file.writeFile('{');
  return {
    async table(spec: TableSpec): Promise<TableSink> {
      let rows = 0;
      await file.writeFile(`${closeTable}${tables++ === 0 ? '' : ','}\n${JSON.stringify(spec.name)}: [`);
      closeTable = ']';
      return {
        add: async (row: readonly Cell[]) => {
          const record = Object.fromEntries(spec.columns.map((c, i) => [c.key, row[i] ?? null]));
          await file.writeFile(`${rows++ === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`);
        },
      };
    },
    async close(): Promise<void> {
      await file.writeFile(`${closeTable}\n}\n`);
      await file.close();
    },
  };
}
