import { z } from "zod";
import { checkbox } from "./fields";

export const DigestSettingsInput = z.object({ dailyDigest: checkbox, weeklyCoachDigest: checkbox });
export type DigestSettingsInput = z.infer<typeof DigestSettingsInput>;
