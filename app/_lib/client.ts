import { headers } from "next/headers";

/** The client's address as set by scripts/server.mjs (socket address unless TRUST_PROXY). */
export async function clientAddress(): Promise<string> {
  return (await headers()).get("x-callback-client-ip") ?? "unknown";
}
