// A real SMTP server on a loopback port for the drills: takes every message, keeps who it was
// for and its subject, and delivers nothing. (The integration tests' tests/integration/digest-smtp.ts
// also decodes bodies and refuses addresses; this needs neither, and runs under plain Node.)
import { SMTPServer } from "smtp-server";

export async function startSmtpSink() {
  const received = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on("data", (chunk) => chunks.push(chunk));
      stream.on("end", () => {
        const head = Buffer.concat(chunks).toString("utf8").split(/\r?\n\r?\n/, 1)[0];
        received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: /^Subject: (.*)$/im.exec(head)?.[1] ?? "", at: Date.now() });
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Messages per recipient address. */
    perRecipient() {
      const counts = new Map();
      for (const message of received) for (const to of message.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
