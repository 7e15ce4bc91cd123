import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TransportFaultKind } from '../../domain/fault-plan.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when an injected transport fault replaced the reply, for the journal. */
    transportFault?: TransportFaultKind;
  }
}

/** What nginx in front of an upstream answers when the upstream fails; the body is HTML, not JSON. */
const GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** A reply that claims more than it sends: the body stops half-way through the JSON. */
const WHOLE_REPLY = JSON.stringify({ errcode: 0, errmsg: 'ok', ending: 0, next_key: 'truncated', stat_info: { users: [], external_users: [] } });

/**
 * Sends one of WireMock's transport faults instead of a reply. The raw socket is taken over
 * (`hijack`) for everything but the 502 page, which is an ordinary HTTP reply.
 */
export function sendTransportFault(request: FastifyRequest, reply: FastifyReply, kind: TransportFaultKind): FastifyReply | undefined {
  request.transportFault = kind;
  if (kind === 'html_502') return reply.code(502).header('content-type', 'text/html').send(GATEWAY_PAGE);
  reply.hijack();
  const socket = request.raw.socket;
  if (kind === 'connection_reset') {
    // An RST instead of a FIN: the client sees ECONNRESET.
    socket.resetAndDestroy();
  } else if (kind === 'empty_reply') {
    socket.destroy();
  } else {
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(WHOLE_REPLY) });
    res.write(WHOLE_REPLY.slice(0, Math.floor(WHOLE_REPLY.length / 2)), () => socket.destroy());
  }
  return undefined;
}
