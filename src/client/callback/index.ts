// The receiving side of WeCom's callbacks.
export { CallbackReceiver, type CallbackReceiverOptions, type CallbackQuery, type OpenedPush } from './callback-receiver.js';
export { CallbackVerificationError, type CallbackRejection } from './callback-error.js';
export { parseCallbackEvent } from './callback-event-parse.js';
export type { CallbackEvent, CallbackLivingStatus, LivingStatusChangeEvent, SuiteTicketEvent } from '../../protocol/callback-events.js';
