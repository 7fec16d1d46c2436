import { afterEach, describe, expect, it, vi } from "vitest";
import { updateDigestSettingsAction } from "@/app/(app)/settings/digest-actions";
import { getDigestSettings, onEmbeddedDatabase, updateDigestSettings } from "@/lib/data/digests";
import { acceptInvitation, inviteCoach } from "@/lib/data/grants";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readMailSettings } from "@/lib/mail";
import { linkToken, newUser, signInAs, signOut, testAddress } from "./helpers";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const optIns = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { dailyDigest: true, weeklyCoachDigest: true } });
const NO_SMTP = { SMTP_URL: "", SMTP_HOST: "" };
// On the embedded database digests stay off whatever SMTP says (lib/data/digests.ts onEmbeddedDatabase).
const embedded = await onEmbeddedDatabase();

afterEach(() => {
  vi.unstubAllEnvs();
  signOut();
});

describe("SMTP settings from the environment", () => {
  it("is off when nothing is set", () => {
    expect(readMailSettings({})).toMatchObject({ ok: false, reason: "unset" });
    expect(readMailSettings({ SMTP_URL: " ", SMTP_USER: "someone" })).toMatchObject({ ok: false, reason: "unset" });
  });

  it("reads SMTP_URL, credentials included, and says where it sends without them", () => {
    const settings = readMailSettings({ SMTP_URL: "smtp://mailer%40example.com:p%40ss@mail.example.com:2525", SMTP_FROM: "Callback <hello@example.com>" });
    expect(settings).toMatchObject({
      ok: true,
      config: { transport: { host: "mail.example.com", port: 2525, secure: false, auth: { user: "mailer@example.com", pass: "p@ss" } }, from: "Callback <hello@example.com>", server: "mail.example.com:2525" },
    });
    expect(readMailSettings({ SMTP_URL: "smtps://mail.example.com" })).toMatchObject({ ok: true, config: { transport: { port: 465, secure: true, auth: undefined } } });
    // Without SMTP_FROM: the account's address when it is one.
    expect(readMailSettings({ SMTP_URL: "smtp://mailer%40example.com:x@mail.example.com" })).toMatchObject({ ok: true, config: { from: "Callback <mailer@example.com>", transport: { port: 587 } } });
  });

  it("reads SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD and SMTP_FROM", () => {
    expect(readMailSettings({ SMTP_HOST: "relay.internal", SMTP_PORT: "465", SMTP_USER: "app", SMTP_PASSWORD: "pw", SMTP_FROM: "noreply@example.com" })).toMatchObject({
      ok: true,
      config: { transport: { host: "relay.internal", port: 465, secure: true, auth: { user: "app", pass: "pw" } }, from: "noreply@example.com", server: "relay.internal:465" },
    });
    expect(readMailSettings({ SMTP_HOST: "relay.internal" })).toMatchObject({ ok: true, config: { transport: { port: 587, secure: false, auth: undefined }, from: "Callback <callback@relay.internal>" } });
  });

  it("refuses a malformed setting without repeating the password", () => {
    for (const source of [{ SMTP_URL: "not a url hunter2" }, { SMTP_URL: "https://user:hunter2@mail.example.com" }, { SMTP_HOST: "relay", SMTP_PORT: "70000", SMTP_PASSWORD: "hunter2" }]) {
      const settings = readMailSettings(source);
      expect(settings).toMatchObject({ ok: false, reason: "invalid" });
      expect(JSON.stringify(settings)).not.toContain("hunter2");
    }
  });
});

describe("digest settings", () => {
  it("shows the viewer's opt-ins, whether they coach anyone, and whether e-mail is configured", async () => {
    vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:2525");
    const coach = await newUser({ timeZone: "Asia/Tokyo" });
    await signInAs(coach);
    expect(await getDigestSettings()).toEqual({ email: embedded ? "embedded_database" : "on", dailyDigest: false, weeklyCoachDigest: false, coaching: false, timeZone: "Asia/Tokyo" });

    const client = await newUser();
    await signInAs(client);
    const invitation = await inviteCoach({ email: coach.email });
    await signInAs(coach);
    expect((await getDigestSettings()).coaching).toBe(false); // invited, not yet accepted
    await acceptInvitation({ token: linkToken(invitation) }, testAddress());
    expect((await getDigestSettings()).coaching).toBe(true);

    vi.stubEnv("SMTP_URL", "");
    expect((await getDigestSettings()).email).toBe("not_configured");
  });

  it.skipIf(embedded)("saves the viewer's own opt-ins through the action, and only theirs", async () => {
    vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:2525");
    const user = await newUser();
    const other = await newUser();
    await signInAs(user);

    expect(await updateDigestSettingsAction({ ok: false }, form({ dailyDigest: "on", weeklyCoachDigest: "on" }))).toEqual({
      ok: true,
      message: "E-mail settings saved.",
      data: { dailyDigest: "true", weeklyCoachDigest: "true" },
    });
    expect(await optIns(user.id)).toEqual({ dailyDigest: true, weeklyCoachDigest: true });
    // An unticked box is absent from the form: off.
    expect(await updateDigestSettingsAction({ ok: false }, form({ weeklyCoachDigest: "on" }))).toMatchObject({ ok: true, data: { dailyDigest: "false", weeklyCoachDigest: "true" } });
    expect(await optIns(user.id)).toEqual({ dailyDigest: false, weeklyCoachDigest: true });
    expect(await optIns(other.id)).toEqual({ dailyDigest: false, weeklyCoachDigest: false });

    const invalid = await updateDigestSettingsAction({ ok: false }, form({ dailyDigest: "maybe" }));
    expect(invalid).toMatchObject({ ok: false, message: "Check the highlighted fields." });
    expect(await optIns(user.id)).toEqual({ dailyDigest: false, weeklyCoachDigest: true });
  });

  it("cannot turn a digest on when e-mail is not configured (or the database is the embedded one), but can turn it off", async () => {
    for (const [key, value] of Object.entries(NO_SMTP)) vi.stubEnv(key, value);
    const user = await newUser();
    await db.user.update({ where: { id: user.id }, data: { dailyDigest: true } });
    await signInAs(user);

    expect(await updateDigestSettingsAction({ ok: false }, form({ dailyDigest: "on" }))).toMatchObject({ ok: false, message: expect.stringMatching(/not configured/) });
    expect(await updateDigestSettingsAction({ ok: false }, form({ weeklyCoachDigest: "on" }))).toMatchObject({ ok: false });
    expect(await optIns(user.id)).toEqual({ dailyDigest: true, weeklyCoachDigest: false });
    expect(await updateDigestSettingsAction({ ok: false }, form({}))).toMatchObject({ ok: true });
    expect(await optIns(user.id)).toEqual({ dailyDigest: false, weeklyCoachDigest: false });
  });

  it("refuses a signed-out visitor and changes nothing", async () => {
    vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:2525");
    const user = await newUser();
    signOut();
    expect(await updateDigestSettingsAction({ ok: false }, form({ dailyDigest: "on" }))).toMatchObject({ ok: false, message: "Please sign in again." });
    await expect(getDigestSettings()).rejects.toBeInstanceOf(AppError);
    await expect(updateDigestSettings({ dailyDigest: true })).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await optIns(user.id)).toEqual({ dailyDigest: false, weeklyCoachDigest: false });
  });
});
