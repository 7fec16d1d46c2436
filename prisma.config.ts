import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// Workaround for prisma/orm#27403, confined to the CLI process (never the app):
// Prisma's WASM schema engine cannot deserialize Postgres' internal `name` (oid 19)
// and `"char"` (oid 18) column types, which its introspection queries return.
// Report those result fields as `text` (oid 25) so `migrate` works without binaries.
const TEXT_OID = 25;
const originalQuery = pg.Pool.prototype.query as (...args: unknown[]) => unknown;
pg.Pool.prototype.query = function patchedQuery(this: pg.Pool, ...args: unknown[]) {
  const result = originalQuery.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === "function") {
    return (result as Promise<pg.QueryResult>).then((res) => {
      for (const field of res?.fields ?? []) {
        if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = TEXT_OID;
      }
      return res;
    });
  }
  return result;
} as typeof pg.Pool.prototype.query;

// `prisma generate` needs no database, but the 6.19 CLI falls back to downloading the
// native query engine when the datasource URL is unresolved; give it a placeholder.
if (!process.env.DATABASE_URL && process.argv.includes("generate")) {
  process.env.DATABASE_URL = "postgresql://generate-only@127.0.0.1:1/none";
}

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
