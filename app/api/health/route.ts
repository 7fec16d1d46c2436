import { checkDatabase } from "@/lib/data/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await checkDatabase();
  return Response.json(ok ? { db: "ok" } : { db: "unavailable", message: "The database is not answering." }, {
    status: ok ? 200 : 503,
    headers: { "Cache-Control": "no-store", ...(ok ? {} : { "Retry-After": "5" }) },
  });
}
