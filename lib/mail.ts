import "server-only";
import nodemailer from "nodemailer";
import { freshEnv } from "@/lib/env";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

/**
 * Outgoing e-mail over SMTP, configured by the environment: SMTP_URL
 * (smtp://user:pass@host:port, smtps:// for implicit TLS) or SMTP_HOST with SMTP_PORT,
 * SMTP_USER, SMTP_PASSWORD; SMTP_FROM is the sender. Unset means e-mail is off.
 */
export type MailConfig = { transport: SMTPTransport.Options; from: string; /** host:port, no credentials: safe to log. */ server: string };
export type MailSettings = { ok: true; config: MailConfig } | { ok: false; reason: "unset" | "invalid"; message: string };
export type OutgoingMail = { to: string; subject: string; text: string; html: string };
export type Mailer = { send(mail: OutgoingMail): Promise<void>; close(): void };

// A send must end well within the digest lease (lib/worker/digest-tick.ts), or a second worker
// could take the digest over while the first is still sending it.
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

const SMTP_KEYS = ["SMTP_URL", "SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_FROM"] as const;
const smtpEnv = () => {
  const current = freshEnv();
  return Object.fromEntries(SMTP_KEYS.map((k) => [k, current[k]]));
};

export function readMailSettings(source: Record<string, string | undefined> = smtpEnv()): MailSettings {
  const value = (name: string) => source[name]?.trim() || undefined;
  const url = value("SMTP_URL");
  const host = value("SMTP_HOST");
  if (!url && !host) return { ok: false, reason: "unset", message: "SMTP_URL or SMTP_HOST is not set" };
  let transport: SMTPTransport.Options;
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      // Never echo the value: it holds the password.
      return { ok: false, reason: "invalid", message: "SMTP_URL is not a valid URL" };
    }
    if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
      return { ok: false, reason: "invalid", message: "SMTP_URL must start with smtp:// or smtps://" };
    }
    const secure = parsed.protocol === "smtps:";
    const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
    const user = decodeURIComponent(parsed.username);
    transport = { host: parsed.hostname, port, secure, auth: user ? { user, pass: decodeURIComponent(parsed.password) } : undefined };
  } else {
    const port = Number(value("SMTP_PORT") ?? 587);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) return { ok: false, reason: "invalid", message: "SMTP_PORT must be a port number" };
    const user = value("SMTP_USER");
    transport = { host, port, secure: port === 465, auth: user ? { user, pass: source.SMTP_PASSWORD ?? "" } : undefined };
  }
  const from = value("SMTP_FROM") ?? (transport.auth?.user?.includes("@") ? `Callback <${transport.auth.user}>` : `Callback <callback@${transport.host}>`);
  return { ok: true, config: { transport: { ...TIMEOUTS, ...transport }, from, server: `${transport.host}:${transport.port}` } };
}

/** This process's settings (read on each call: cheap, and tests change the environment). */
export function mailSettings(): MailSettings {
  return readMailSettings();
}

export function emailConfigured(): boolean {
  return mailSettings().ok;
}

/** The app's public address, for links in e-mails (NEXTAUTH_URL, as next-auth's own). */
export function appBaseUrl(): string {
  const current = freshEnv();
  return (current.NEXTAUTH_URL ?? `http://localhost:${current.PORT}`).replace(/\/+$/, "");
}

// A person waits for this one: a slow or dead server must not hold their page for minutes.
const WHILE_WAITING = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 };

/**
 * Sends one e-mail now, while someone waits (an invitation): true once the server took it, false
 * when e-mail is off or the send failed. Never throws, and logs no more than the failure's reason.
 */
export async function sendNow(mail: OutgoingMail): Promise<boolean> {
  const settings = mailSettings();
  if (!settings.ok) return false;
  const mailer = smtpMailer({ ...settings.config, transport: { ...settings.config.transport, ...WHILE_WAITING } });
  try {
    await mailer.send(mail);
    return true;
  } catch (error) {
    console.error(`[callback] e-mail to one address not sent: ${error instanceof Error ? error.message : "unknown error"}`);
    return false;
  } finally {
    mailer.close();
  }
}

export function smtpMailer(config: MailConfig): Mailer {
  const transporter = nodemailer.createTransport(config.transport);
  return {
    async send(mail) {
      await transporter.sendMail({ from: config.from, ...mail });
    },
    close: () => transporter.close(),
  };
}
