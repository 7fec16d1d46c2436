import { z } from "zod";

// A checkbox arrives as "on" when ticked and is absent otherwise; tests may pass a boolean.
const ticked = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true")
  .refine((v) => v, "Tick the box to confirm that everything will be deleted.");

export const DeleteAccountInput = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024, "Password is too long."),
  confirm: ticked,
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountInput>;
