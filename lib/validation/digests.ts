import { z } from "zod";

// A checkbox arrives as "on" when ticked and is absent otherwise; tests may pass a boolean.
const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", ""])])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const DigestSettingsInput = z.object({ dailyDigest: checkbox, weeklyCoachDigest: checkbox });
export type DigestSettingsInput = z.infer<typeof DigestSettingsInput>;
