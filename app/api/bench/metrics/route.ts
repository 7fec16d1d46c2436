import { env } from "@/lib/env";
import { sqlQueryTotal } from "@/lib/data/metrics";

export const dynamic = "force-dynamic";

// Only for `npm run bench`: this process's SQL statement counter, so the benchmark can count
// one request's queries. Not found unless CALLBACK_BENCH_METRICS=1 (never set in production).
export function GET() {
  if (!env().CALLBACK_BENCH_METRICS) return new Response("Not found", { status: 404 });
  return Response.json({ sqlQueries: sqlQueryTotal() }, { headers: { "Cache-Control": "no-store" } });
}
