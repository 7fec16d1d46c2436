import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { ChangePasswordInput, SettingsInput, SignInInput, SignUpInput } from "@/lib/validation/auth";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { checkPassword, hashPassword, rememberAddress } from "./credentials";
import { clientAddress } from "./request";
import { requireUser } from "./session";

export type UserDTO = { id: string; email: string; name: string; timeZone: string };
const userSelect = { id: true, email: true, name: true, timeZone: true } as const;

/** Sign-up. Field errors for bad input; a clear error for a taken email. */
export async function createUser(input: unknown): Promise<UserDTO> {
  const parsed = SignUpInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { name, email, password, timeZone } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return await db.user.create({ data: { name, email, passwordHash, timeZone }, select: userSelect });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists.", {
        email: ["An account with this email already exists. Sign in instead?"],
      });
    }
    throw error;
  }
}

/**
 * Checks an email and password (next-auth's authorize). Returns the user and the session version
 * to put in the token, or null; unknown email and wrong password are indistinguishable (same
 * result, and a dummy hash is verified so they take the same time). The attempt is counted
 * against exactly the address that is checked, after it is parsed and normalised
 * (checkPassword): no body format, duplicate field, letter case or Unicode form can split the
 * count. Throws TooManyAttempts when refused.
 */
export async function verifyCredentials(input: unknown, context: { address?: string } = {}): Promise<(UserDTO & { sessionVersion: number }) | null> {
  const address = context.address ?? (await clientAddress());
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success) {
    await checkPassword({ account: null, address, stored: null, password: "x" });
    return null;
  }
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({
    where: { email },
    select: { ...userSelect, passwordHash: true, sessionVersion: true },
  });
  const ok = await checkPassword({ account: email, address, stored: user?.passwordHash ?? null, password });
  if (!user || !ok) return null;
  await rememberAddress(email, address);
  const { passwordHash: _omit, ...dto } = user;
  return dto;
}

/** Ends every session of the viewer, this one included ("sign out everywhere"). */
export async function signOutEverywhere(): Promise<void> {
  const viewer = await requireUser();
  await db.user.update({ where: { id: viewer.id }, data: { sessionVersion: { increment: 1 } } });
}

export async function updateSettings(input: unknown): Promise<UserDTO> {
  const viewer = await requireUser();
  const parsed = SettingsInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return db.user.update({ where: { id: viewer.id }, data: parsed.data, select: userSelect });
}

/** A password change ends every other session: the session version moves on. */
export async function changePassword(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = ChangePasswordInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { email: true, passwordHash: true } });
  const address = await clientAddress();
  if (!(await checkPassword({ account: user.email, address, stored: user.passwordHash, password: parsed.data.currentPassword }))) {
    throw new AppError("invalid", "Check the highlighted fields.", { currentPassword: ["That is not your current password."] });
  }
  await db.user.update({
    where: { id: viewer.id },
    data: { passwordHash: await hashPassword(parsed.data.newPassword), sessionVersion: { increment: 1 } },
  });
}
