import { z } from "zod";
import { checkbox } from "./fields";

const ticked = checkbox.refine((v) => v, "Tick the box to confirm that everything will be deleted.");

export const DeleteAccountInput = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024, "Password is too long."),
  confirm: ticked,
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountInput>;
