import "server-only";
import { headers } from "next/headers";

/**
 * The client's address as the app server set it (the socket's address, or the last hop of a
 * trusted proxy: server, TRUST_PROXY); "unknown" outside a request. Limits key on it.
 */
export async function clientAddress(): Promise<string> {
  try {
    return (await headers()).get("x-callback-client-ip") ?? "unknown";
  } catch {
    return "unknown";
  }
}
