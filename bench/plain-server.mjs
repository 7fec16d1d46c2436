// The limit: a bare node:http server answering every request with the same bytes (the
// timeline's HTML), so the timeline's throughput can be read against what Node can do here.
// Usage: node bench/plain-server.mjs <file> <port>
import fs from "node:fs";
import http from "node:http";

const [file, port] = process.argv.slice(2);
const body = fs.readFileSync(file);
http
  .createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
    res.end(body);
  })
  .listen(Number(port), "127.0.0.1", () => console.log(`ready http://127.0.0.1:${port}/`));
process.on("SIGTERM", () => process.exit(0));
