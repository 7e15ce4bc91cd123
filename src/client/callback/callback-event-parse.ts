import type { CallbackEvent, CallbackLivingStatus } from '../../protocol/callback-events.js';
import { parseCallbackXml } from '../../protocol/callback-xml.js';
import { CallbackVerificationError } from './callback-error.js';

function integer(fields: Record<string, string>, key: string): number {
  const text = fields[key];
  if (text === undefined || !/^-?\d+$/.test(text.trim())) throw new CallbackVerificationError('format', `${key} is not an integer`);
  return Number(text.trim());
}

function text(fields: Record<string, string>, key: string): string {
  const value = fields[key];
  if (value === undefined) throw new CallbackVerificationError('format', `${key} missing`);
  return value;
}

/**
 * The typed event of a decrypted callback message, or undefined for an event this SDK does not
 * know (WeCom adds events over time: ignore those, but still answer 200). Throws
 * CallbackVerificationError ('format') when the XML is malformed or a known event lacks a field.
 *
 * @example
 * const event = parseCallbackEvent(xml);
 * if (event?.type === 'living_status_change') console.log(event.livingid, event.status);
 */
export function parseCallbackEvent(xml: string): CallbackEvent | undefined {
  let fields: Record<string, string>;
  try {
    fields = parseCallbackXml(xml);
  } catch (e) {
    throw new CallbackVerificationError('format', `not callback XML: ${(e as Error).message}`);
  }
  if (fields.InfoType === 'suite_ticket') {
    return { type: 'suite_ticket', suiteId: text(fields, 'SuiteId'), timeStamp: integer(fields, 'TimeStamp'), suiteTicket: text(fields, 'SuiteTicket') };
  }
  if (fields.MsgType === 'event' && fields.Event === 'living_status_change') {
    const status = integer(fields, 'Status');
    if (![0, 1, 2, 3, 4].includes(status)) throw new CallbackVerificationError('format', `Status ${status} is not a live's status`);
    return {
      type: 'living_status_change',
      corpid: text(fields, 'ToUserName'),
      fromUserName: text(fields, 'FromUserName'),
      createTime: integer(fields, 'CreateTime'),
      livingid: text(fields, 'LivingId'),
      status: status as CallbackLivingStatus,
      agentid: integer(fields, 'AgentID'),
    };
  }
  return undefined;
}
