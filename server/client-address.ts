// The client address that rate limits are keyed on (lib/data/rate-limit.ts, read through
// app/_lib/client.ts). Next keeps a client-sent X-Forwarded-For as it is, so limits keyed on it
// could be dodged by rotating the header: here it is overwritten before Next sees the request.
// docs/decisions/002-custom-server.md.
import type { IncomingMessage } from "node:http";

/**
 * The socket's address; behind a trusted proxy (TRUST_PROXY=1) the last hop it appended to
 * X-Forwarded-For instead, since every earlier entry is whatever the client sent.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = String(req.headers["x-forwarded-for"] ?? "");
  return trustProxy && forwarded ? forwarded.split(",").at(-1)!.trim() : (req.socket.remoteAddress ?? "unknown");
}

/** Puts the address where Next and the app read it: X-Forwarded-For and X-Callback-Client-IP. */
export function stampClientAddress(req: IncomingMessage, trustProxy: boolean): void {
  const client = clientAddress(req, trustProxy);
  req.headers["x-forwarded-for"] = client;
  req.headers["x-callback-client-ip"] = client;
}
