import { z } from "zod";
import { resolveZone } from "@/lib/time/zone-names";
import { COMMON_PASSWORDS } from "./common-passwords";
import { requiredText } from "./fields";

// NFKC first: "ＡＬＩＣＥ@ｅｘａｍｐｌｅ.ｃｏｍ" is the same address as "alice@example.com", for
// sign-up, sign-in and the limits that count sign-in attempts.
export const Email = z
  .string({ error: "Email is required." })
  .normalize("NFKC")
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

// 8 to 128 characters, hashed whole (argon2id has no 72-byte truncation).
export const NewPassword = z
  .string({ error: "Password is required." })
  .min(8, "Password must be at least 8 characters.")
  .max(128, "Password must be at most 128 characters.")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "This password is too common. Choose one that is harder to guess.");

export const TimeZone = z
  .string({ error: "Time zone is required." })
  .trim()
  .min(1, "Time zone is required.")
  .max(64, "Choose a time zone from the list.")
  // Stored by its current name, whatever was typed: "kyiv", "Europe/Kiev" → "Europe/Kyiv".
  .transform((typed, ctx) => {
    const zone = resolveZone(typed);
    if (zone === null) ctx.addIssue({ code: "custom", message: "Choose a time zone from the list." });
    return zone ?? z.NEVER;
  });

export const SignUpInput = z.object({
  name: requiredText("Name", 100),
  email: Email,
  password: NewPassword,
  timeZone: TimeZone,
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export const SignInInput = z.object({
  email: Email,
  password: z.string().min(1, "Password is required.").max(1024, "Password is too long."),
});
export type SignInInput = z.infer<typeof SignInInput>;

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: NewPassword,
});

export const SettingsInput = z.object({
  name: requiredText("Name", 100),
  timeZone: TimeZone,
});
