// Request bodies are capped (MAX_BODY_BYTES) by their declared length before Next reads them:
// Next has no general cap for route handlers and server actions. docs/decisions/002-custom-server.md.
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Answers 413 for a declared length over `maxBytes`, and 411 for a chunked body of undeclared
 * length (it could not be capped without reading it, and Next reads the stream itself).
 * Returns whether it answered; the body is never read into memory.
 */
export function refuseLargeBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): boolean {
  const length = Number(req.headers["content-length"] ?? 0);
  const chunked = /chunked/i.test(String(req.headers["transfer-encoding"] ?? ""));
  if (!(length > maxBytes || (chunked && req.headers["content-length"] === undefined))) return false;
  const status = chunked && length === 0 ? 411 : 413;
  // No "Connection: close": with it Node closes the socket at once on unread data, and a
  // client still sending its body (most send it all before reading) gets a connection reset
  // instead of this answer. The rest of the body is read and discarded, for 10 s at most.
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(
    JSON.stringify({
      error: status === 411 ? "length_required" : "payload_too_large",
      message: status === 411 ? "Send a Content-Length." : `Request bodies are limited to ${maxBytes} bytes.`,
    }),
  );
  const linger = setTimeout(() => req.destroy(), 10_000);
  req.once("end", () => clearTimeout(linger)).once("close", () => clearTimeout(linger));
  req.resume();
  return true;
}
