import type { Store } from '../store/store.js';
import type { PoolUse, ServerMetrics } from './metrics.js';

/**
 * The store as the routes see it when metrics are on: every method that rejects or throws
 * counts one database error under its name, then fails exactly as before. Wrapping here keeps
 * counting out of both store implementations and out of every route.
 */
export function countingStore(store: Store, metrics: ServerMetrics): Store {
  const wrapped = new Map<PropertyKey, unknown>();
  const failed = (operation: string, e: unknown): never => {
    metrics.databaseErrors.inc({ operation });
    throw e;
  };
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      let fn = wrapped.get(key);
      if (!fn) {
        fn = (...args: unknown[]) => {
          try {
            const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
            return result instanceof Promise ? result.catch((e: unknown) => failed(key, e)) : result;
          } catch (e) {
            return failed(key, e);
          }
        };
        wrapped.set(key, fn);
      }
      return fn;
    },
  });
}

/** The pool use of a PostgreSQL store, when the store has a pool. */
export function poolUseOf(store: Store): (() => PoolUse) | undefined {
  const withPool = store as Store & { poolUse?: () => PoolUse };
  return typeof withPool.poolUse === 'function' ? () => withPool.poolUse!() : undefined;
}
