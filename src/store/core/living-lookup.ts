import { LIVING_COLUMNS } from '../sql/columns.js';
import type { LivingRow } from '../sql/rows.js';
import type { Sql } from '../sql/sql.js';

const LIVING_ROW = `SELECT ${LIVING_COLUMNS} FROM livings WHERE livingid = ?`;

/**
 * How the roles find a live's row and internal key. Every method keyed by (corpid, livingid)
 * answers as if a live of another corp did not exist: `pk` is undefined for it.
 */
export class LivingLookup {
  constructor(protected readonly sql: Sql) {}

  /** The live's row whatever its corp (callers check the corp). */
  row(livingid: string): Promise<LivingRow | undefined> {
    return this.sql.get<LivingRow>(LIVING_ROW, [livingid]);
  }

  /** The live's internal key, or undefined when it is not this corp's. */
  async pk(corpid: string, livingid: string): Promise<number | undefined> {
    const row = await this.row(livingid);
    return row?.corpid === corpid ? row.pk : undefined;
  }

  async requirePk(corpid: string, livingid: string): Promise<number> {
    const pk = await this.pk(corpid, livingid);
    if (pk === undefined) throw new Error(`unknown living ${livingid}`);
    return pk;
  }
}

export { LIVING_ROW };
