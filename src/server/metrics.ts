import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the pool behind a PostgreSQL store is doing right now. */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
}

/** Latency buckets in seconds: WeCom clients time out after a few seconds, so the tail above 10 s is one bucket. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every instrument livestat exports at /metrics, in a registry of its own per server (so two
 * servers in one process, as in tests, never share counts).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  /** Calls of WeCom endpoints by API (the path after /cgi-bin/) and the errcode answered. */
  readonly calls = new Counter({ name: 'livestat_calls_total', help: 'Calls of WeCom endpoints by API and errcode answered', labelNames: ['api', 'errcode'], registers: [this.registry] });
  readonly latency = new Histogram({
    name: 'livestat_call_duration_seconds',
    help: 'Time from request to reply of WeCom endpoints, by API',
    labelNames: ['api'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  /** livestat's own endpoints (ingest, admin, dashboard) by route and HTTP status. */
  readonly http = new Counter({ name: 'livestat_http_requests_total', help: "Requests of livestat's own endpoints by route and HTTP status", labelNames: ['route', 'status'], registers: [this.registry] });
  readonly ingest = new Counter({ name: 'livestat_ingest_events_total', help: 'Viewer events received on /livestat/v1/events, by outcome', labelNames: ['outcome'], registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'livestat_rate_limit_refusals_total', help: 'Calls refused by a frequency limit (45009) or the concurrency limit (45033)', labelNames: ['api', 'errcode'], registers: [this.registry] });
  readonly overloaded = new Counter({ name: 'livestat_overload_refusals_total', help: 'Requests refused because the event loop fell behind (-1 system busy, or 503)', registers: [this.registry] });
  readonly databaseErrors = new Counter({ name: 'livestat_database_errors_total', help: 'Store operations that failed, by operation', labelNames: ['operation'], registers: [this.registry] });
  // Callback deliveries go here once livestat sends callbacks: livestat_callback_deliveries_total
  // {outcome="delivered"|"failed"} and a delivery latency histogram, counted where they are sent.

  constructor(poolUse?: () => PoolUse) {
    // Standard names (process_*, nodejs_*) without a prefix, so stock Node.js dashboards work.
    collectDefaultMetrics({ register: this.registry });
    if (poolUse) {
      const gauge = (name: string, help: string, pick: (use: PoolUse) => number) =>
        new Gauge({
          name,
          help,
          registers: [this.registry],
          collect() {
            this.set(pick(poolUse()));
          },
        });
      gauge('livestat_pg_pool_connections', 'PostgreSQL connections this process holds open', (u) => u.total);
      gauge('livestat_pg_pool_idle_connections', 'PostgreSQL connections open and idle', (u) => u.idle);
      gauge('livestat_pg_pool_waiting_requests', 'Queries waiting for a PostgreSQL connection', (u) => u.waiting);
    }
  }
}
