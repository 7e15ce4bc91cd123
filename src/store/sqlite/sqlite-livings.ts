import type { Living } from '../../domain/model.js';
import { LIVING_ROW, LivingLookup } from '../core/living-lookup.js';
import { SqlLivings } from '../core/sql-livings.js';
import { type LivingRow, toLiving } from '../sql/rows.js';
import type { SqliteReadCache } from './sqlite-read-cache.js';
import type { SqliteSql } from './sqlite-sql.js';

/** A live's internal key through the read cache: every page and dashboard read asks for it. */
export class SqliteLivingLookup extends LivingLookup {
  constructor(
    private readonly sqlite: SqliteSql,
    private readonly reads: SqliteReadCache,
  ) {
    super(sqlite);
  }

  override pk(corpid: string, livingid: string): Promise<number | undefined> {
    return this.sqlite.idle ? Promise.resolve(this.pkNow(corpid, livingid)) : this.sqlite.now(() => this.pkNow(corpid, livingid));
  }

  /** The row read now, synchronously (inside a transaction, or from the read cache's loader). */
  rowNow(livingid: string): LivingRow | undefined {
    return this.sqlite.prepare(LIVING_ROW).get(livingid) as LivingRow | undefined;
  }

  /** The live through the read cache, synchronously: only outside a transaction. */
  livingNow(corpid: string, livingid: string): Living | undefined {
    return this.reads.lookup(`l:${corpid}:${livingid}`, () => {
      const row = this.rowNow(livingid);
      return row?.corpid === corpid ? toLiving(row) : undefined;
    });
  }

  /** The key through the read cache, synchronously: only outside a transaction. */
  pkNow(corpid: string, livingid: string): number | undefined {
    // The corp is checked on every miss, so a foreign livingid stays invisible.
    return this.reads.lookup(`p:${corpid}:${livingid}`, () => {
      const row = this.rowNow(livingid);
      return row?.corpid === corpid ? row.pk : undefined;
    });
  }
}

/** SqlLivings with get_watch_stat's live lookup through the read cache. */
export class SqliteLivings extends SqlLivings {
  constructor(
    private readonly sqlite: SqliteSql,
    private readonly livingLookup: SqliteLivingLookup,
    private readonly reads: SqliteReadCache,
  ) {
    super(sqlite, livingLookup);
  }

  override getLiving(corpid: string, livingid: string): Promise<Living | undefined> {
    const read = () => this.livingLookup.livingNow(corpid, livingid);
    return this.sqlite.idle ? Promise.resolve(read()) : this.sqlite.now(read);
  }
}
