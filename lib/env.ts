import "server-only";
import { z } from "zod";

// Read once per process; scripts/start.mjs fills DATABASE_URL and NEXTAUTH_SECRET
// (embedded database, generated secret) before Next starts.
const Env = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set: start the app with `npm start` or set it."),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET is missing or too short."),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

let cached: z.infer<typeof Env> | undefined;
export function env() {
  if (!cached) {
    const parsed = Env.safeParse(process.env);
    if (!parsed.success) throw new Error(`Configuration error: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}`);
    cached = parsed.data;
  }
  return cached;
}
