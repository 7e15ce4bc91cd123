import type { CallbackConfig } from '../domain/callback.js';
import type { ScenarioCallback } from './scenario-schema.js';

/** A scenario's callback as stored; an app or suite without one has none (a reload removes it). */
export function callbackConfig(c: ScenarioCallback | undefined): CallbackConfig | undefined {
  return c && { url: c.url, token: c.token, encodingAesKey: c.encoding_aes_key };
}
