import { buildCallbackXml } from './callback-xml.js';

/**
 * The callback events livestat sends and the SDK reads, in WeCom's XML (docs 94145, 94308,
 * 90628) — no TypeBox here, so the SDK's receiving side loads none.
 */

/** Status of a live in a living_status_change push: 0 reserved, 1 live, 2 ended, 3 expired (third-party only), 4 cancelled. */
export type CallbackLivingStatus = 0 | 1 | 2 | 3 | 4;

/** `living_status_change` (doc 94145 self-built apps, 94308 third-party apps). */
export interface LivingStatusChangeEvent {
  type: 'living_status_change';
  /** The corp (ToUserName). */
  corpid: string;
  /** The member who caused the change (FromUserName): livestat puts the anchor. */
  fromUserName: string;
  /** Unix seconds; the same on every retry of one push, so receivers can deduplicate. */
  createTime: number;
  livingid: string;
  status: CallbackLivingStatus;
  agentid: number;
}

/** `suite_ticket`, pushed to a suite's 指令回调 URL every 10 minutes (doc 90628). */
export interface SuiteTicketEvent {
  type: 'suite_ticket';
  suiteId: string;
  /** Unix seconds. */
  timeStamp: number;
  suiteTicket: string;
}

/** The events the SDK parses. */
export type CallbackEvent = LivingStatusChangeEvent | SuiteTicketEvent;

/** The inner (decrypted) XML of a living_status_change, in doc 94145's key order. */
export function livingStatusChangeXml(e: Omit<LivingStatusChangeEvent, 'type'>): string {
  return buildCallbackXml({
    ToUserName: e.corpid,
    FromUserName: e.fromUserName,
    CreateTime: e.createTime,
    MsgType: 'event',
    Event: 'living_status_change',
    LivingId: e.livingid,
    Status: e.status,
    AgentID: e.agentid,
  });
}

/** The inner XML of a suite_ticket push, in doc 90628's key order. */
export function suiteTicketXml(e: Omit<SuiteTicketEvent, 'type'>): string {
  return buildCallbackXml({ SuiteId: e.suiteId, InfoType: 'suite_ticket', TimeStamp: e.timeStamp, SuiteTicket: e.suiteTicket });
}

/** The encrypted envelope a push's body is: ToUserName, Encrypt, AgentID ("" for 指令回调). */
export function callbackEnvelopeXml(toUserName: string, encrypt: string, agentid: number | undefined): string {
  return buildCallbackXml({ ToUserName: toUserName, Encrypt: encrypt, AgentID: agentid === undefined ? '' : String(agentid) });
}
