import "server-only";
import nodemailer from "nodemailer";
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

export function readMailSettings(source: Record<string, string | undefined> = process.env): MailSettings {
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

export function smtpMailer(config: MailConfig): Mailer {
  const transporter = nodemailer.createTransport(config.transport);
  return {
    async send(mail) {
      await transporter.sendMail({ from: config.from, ...mail });
    },
    close: () => transporter.close(),
  };
}
