import "server-only";
import { db } from "@/lib/db";

/** True when the database answers a trivial query within two seconds. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
