import type { App, Corp } from '../../domain/model.js';
import { FIND_TOKEN, GET_APP, GET_CORP, SqlTokens } from '../core/sql-tokens.js';
import { type AppRow, type CorpRow, type TokenRow, toApp, toCorp, toToken } from '../sql/rows.js';
import type { FoundCaller, TokenRecord } from '../store.js';
import type { SqliteReadCache } from './sqlite-read-cache.js';
import type { SqliteSql } from './sqlite-sql.js';

/**
 * SqlTokens with get_watch_stat's point reads (token, app, corp) through the read cache:
 * synchronous prepared statements, no promise chain when no transaction is in flight.
 */
export class SqliteTokens extends SqlTokens {
  constructor(
    private readonly sqlite: SqliteSql,
    private readonly reads: SqliteReadCache,
  ) {
    super(sqlite);
  }

  override getCorp(corpid: string): Promise<Corp | undefined> {
    return this.sqlite.idle ? Promise.resolve(this.corp(corpid)) : this.sqlite.now(() => this.corp(corpid));
  }

  override getApp(corpid: string, agentid: number): Promise<App | undefined> {
    return this.sqlite.idle ? Promise.resolve(this.app(corpid, agentid)) : this.sqlite.now(() => this.app(corpid, agentid));
  }

  override findToken(hash: Buffer): Promise<TokenRecord | undefined> {
    return this.sqlite.idle ? Promise.resolve(this.token(hash)) : this.sqlite.now(() => this.token(hash));
  }

  override findCaller(hash: Buffer): Promise<FoundCaller | undefined> {
    const read = (): FoundCaller | undefined => {
      const token = this.token(hash);
      return token && { token, app: this.app(token.corpid, token.agentid), corp: this.corp(token.corpid) };
    };
    return this.sqlite.idle ? Promise.resolve(read()) : this.sqlite.now(read);
  }

  private corp(corpid: string): Corp | undefined {
    return this.reads.lookup(`c:${corpid}`, () => {
      const row = this.sqlite.prepare(GET_CORP).get(corpid) as CorpRow | undefined;
      return row && toCorp(row);
    });
  }

  private app(corpid: string, agentid: number): App | undefined {
    return this.reads.lookup(`a:${agentid}:${corpid}`, () => {
      const row = this.sqlite.prepare(GET_APP).get(corpid, agentid) as AppRow | undefined;
      return row && toApp(row);
    });
  }

  private token(hash: Buffer): TokenRecord | undefined {
    return this.reads.lookup(`t:${hash.toString('base64')}`, () => {
      const row = this.sqlite.prepare(FIND_TOKEN).get(hash) as TokenRow | undefined;
      return row && toToken(row);
    });
  }
}
