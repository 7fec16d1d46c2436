import "server-only";
import { sqlQueries } from "@/lib/db";

/** Runs fn and reports how many SQL statements it sent (meaningful when nothing else runs). */
export async function countSqlQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const before = sqlQueries.count;
  const result = await fn();
  return { result, queries: sqlQueries.count - before };
}

export const sqlQueryTotal = () => sqlQueries.count;
