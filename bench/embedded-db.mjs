// The benchmark's throwaway PGlite, in a process of its own so the load generator does not
// share an event loop with the database (as with `npm start`, where Next is a child).
// Prints "ready <url>", stops cleanly on SIGTERM. Usage: node bench/embedded-db.mjs <dir>
import { startEmbedded } from "../scripts/lib/database.mjs";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node bench/embedded-db.mjs <data dir>");
const embedded = await startEmbedded({ dir, shared: false });
console.log(`ready ${embedded.url}`);
const stop = async () => {
  await embedded.stop().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
