import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One message as the SMTP server received it, with its text part decoded. */
export type Received = { from: string; to: string[]; user: string | null; subject: string; text: string; html: string; raw: string };

function decodePart(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/quoted-printable/i.test(encoding)) {
    const soft = body.replace(/=\r?\n/g, "");
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const hex = soft[i] === "=" ? soft.slice(i + 1, i + 3) : "";
      if (/^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i]!, "utf8"));
    }
    return Buffer.from(bytes).toString("utf8");
  }
  return body;
}

/** Just enough MIME for the digests (nodemailer's multipart/alternative of text and HTML). */
function parse(raw: string): { subject: string; text: string; html: string } {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const subjectLine = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? "";
  // Encoded words (=?UTF-8?Q?...?=) appear when the subject is not plain ASCII.
  const subject = subjectLine.replace(/=\?utf-8\?([QB])\?(.*?)\?=\s*/gi, (_m, kind: string, data: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodePart(data.replace(/_/g, " "), "quoted-printable"),
  );
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(unfolded)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [rest.join("\n\n")];
  const out = { subject, text: "", html: "" };
  for (const part of parts) {
    const split = part.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
    const headers = split[0] ?? "";
    const body = split.slice(1).join("\r\n\r\n");
    const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(headers)?.[1] ?? "7bit";
    if (/Content-Type: text\/plain/i.test(headers)) out.text = decodePart(body, encoding);
    else if (/Content-Type: text\/html/i.test(headers)) out.html = decodePart(body, encoding);
  }
  return out;
}

/** A real SMTP server on a free loopback port, in this process, keeping every message. */
export async function startSmtpCapture() {
  const received: Received[] = [];
  const rejecting = new Set<string>();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "digest" && auth.password === "s3cret") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (rejecting.has(address.address)) return callback(new Error("550 Mailbox unavailable"));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : null,
          raw,
          ...parse(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://digest:s3cret@127.0.0.1:${port}`,
    received,
    /** Messages to one address. */
    to: (email: string) => received.filter((m) => m.to.includes(email.toLowerCase()) || m.to.includes(email)),
    /** The server refuses mail for this address (a failed send) until `accept`. */
    reject: (email: string) => rejecting.add(email),
    accept: (email: string) => rejecting.delete(email),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
