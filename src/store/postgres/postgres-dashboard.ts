import type { AudienceCounts, InviterStanding } from '../audience-queries.js';
import { AUDIENCE_COUNT_COLUMNS, HAS_INVITER, SqlDashboard, inviterColumns } from '../core/sql-dashboard.js';

const COUNTS = `SELECT ${AUDIENCE_COUNT_COLUMNS} FROM viewer_stats WHERE living_pk = ?`;
const INVITERS = `SELECT ${inviterColumns(' COLLATE "C"')} FROM viewer_stats WHERE living_pk = ? AND ${HAS_INVITER}
  GROUP BY 1, 2 ORDER BY viewers DESC, "watchTime" DESC, kind, id LIMIT ?`;

/** SqlDashboard on PostgreSQL: the server does not block on a query, so aggregates are single statements. */
export class PostgresDashboard extends SqlDashboard {
  protected async counts(pk: number): Promise<AudienceCounts> {
    return (await this.sql.get<AudienceCounts>(COUNTS, [pk]))!;
  }

  protected inviters(pk: number, limit: number): Promise<InviterStanding[]> {
    return this.sql.all<InviterStanding>(INVITERS, [pk, limit]);
  }
}
