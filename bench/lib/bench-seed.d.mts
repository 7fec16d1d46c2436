// Types for bench/lib/bench-seed.mjs, which bench/rules-bench.ts imports (plain ESM that node runs as it is).
type Queryable = { query(sql: string, params?: unknown[]): Promise<unknown> };
export type BenchAccount = { jobs: number; email: string; name: string; password: string; userId: string; stages: number };

/** mulberry32: a seeded generator of numbers in [0, 1). */
export function prng(seed: number): () => number;
export function seedAccounts(client: Queryable, sizes: number[]): Promise<BenchAccount[]>;
