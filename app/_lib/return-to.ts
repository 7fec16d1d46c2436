import { headers } from "next/headers";
import { safeReturnTo } from "@/lib/validation/return-to";

/** A return address from a query string, resolved against this request's own origin (see safeReturnTo). */
export async function returnTo(value: unknown): Promise<string> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto") === "https" ? "https" : "http";
  return safeReturnTo(value, `${proto}://${h.get("host") ?? "localhost"}`);
}

/** The query string that carries a return address on to the other auth page ("" for the default). */
export const returnQuery = (path: string) => (path === "/timeline" ? "" : `?callbackUrl=${encodeURIComponent(path)}`);
