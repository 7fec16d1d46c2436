#!/usr/bin/env node
// The HTTP server in front of Next (production and dev): Next's documented custom-server
// API, for two things `next start` cannot do:
// - the client address: Next keeps a client-sent X-Forwarded-For as it is, so rate limits
//   keyed on it could be dodged by rotating the header. Here it is overwritten with the
//   socket's address unless TRUST_PROXY=1 says a reverse proxy in front sets it.
// - request bodies are capped (MAX_BODY_BYTES, by Content-Length) before Next reads them.
import http from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true";
const maxBody = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);

const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const forwarded = String(req.headers["x-forwarded-for"] ?? "");
  // Behind a trusted proxy the last hop it appended is the client; otherwise the socket is.
  const client = trustProxy && forwarded ? forwarded.split(",").at(-1).trim() : req.socket.remoteAddress ?? "unknown";
  req.headers["x-forwarded-for"] = client;
  req.headers["x-callback-client-ip"] = client;
  // Bodies are capped by their declared length, without reading them (Next reads the
  // stream itself). A body of undeclared length (chunked) is refused for the same reason.
  const length = Number(req.headers["content-length"] ?? 0);
  const chunked = /chunked/i.test(String(req.headers["transfer-encoding"] ?? ""));
  if (length > maxBody || (chunked && req.headers["content-length"] === undefined)) {
    const status = chunked && length === 0 ? 411 : 413;
    res.writeHead(status, { "Content-Type": "application/json", Connection: "close" });
    res.end(JSON.stringify({ error: status === 411 ? "length_required" : "payload_too_large", message: status === 411 ? "Send a Content-Length." : `Request bodies are limited to ${maxBody} bytes.` }));
    req.resume();
    return;
  }
  handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = 30_000;
server.listen(port, host, () => console.log(`[callback] ready on http://localhost:${port}${dev ? " (dev)" : ""}`));

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
