import { formatDay } from "@/lib/followup";
import type { CoachDigest, DailyDigest } from "@/lib/data/digests";
import type { OutgoingMail } from "@/lib/mail";
import { escapeHtml, link, page } from "./mail-html";

// The digests as e-mails: plain text (what many people read mail in) and the same in simple
// HTML. Everything typed by a user (company, role, names) is escaped in the HTML.

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function footer(baseUrl: string, why: string) {
  const settings = `${baseUrl}/settings`;
  return {
    text: `${why} Turn it off in Settings: ${settings}`,
    html: `<p style="color:#64748b;font-size:13px">${escapeHtml(why)} ${link(settings, "Turn it off in Settings")}.</p>`,
  };
}

export function dailyDigestMail(digest: DailyDigest, baseUrl: string): OutgoingMail {
  const subject = `Callback: ${plural(digest.total, "follow-up call", "follow-up calls")} due today`;
  const intro = `Hello, ${digest.name}. ${digest.total === 1 ? "One call is" : `${digest.total} calls are`} due today, ${formatDay(digest.today, digest.today)}.`;
  const more = digest.total - digest.jobs.length;
  const timeline = `${baseUrl}/timeline`;
  const end = footer(baseUrl, "You get this e-mail because you turned on the morning digest.");

  const text = [intro, ""];
  for (const [i, job] of digest.jobs.entries()) {
    text.push(`${i + 1}. ${job.company}: ${job.role}`);
    text.push(`   ${job.headline}${job.opensOn ? ` (the window opened on ${formatDay(job.opensOn, digest.today)})` : ""}.`);
    const contact = [job.contactName, job.contactPhone].filter(Boolean).join(", ");
    if (contact) text.push(`   Whom to call: ${contact}`);
    text.push(`   Why now: ${job.explanation}`);
    if (job.talkingPoints.length) text.push("   What to say:", ...job.talkingPoints.map((p) => `   - ${p}`));
    text.push(`   ${baseUrl}/jobs/${job.id}`, "");
  }
  if (more > 0) text.push(`…and ${more} more on your timeline.`, "");
  text.push(`Your timeline: ${timeline}`, "", end.text);

  const items = digest.jobs.map((job) => {
    const contact = [job.contactName, job.contactPhone].filter(Boolean).join(", ");
    return `<li style="margin-bottom:16px"><strong>${link(`${baseUrl}/jobs/${job.id}`, `${job.company}: ${job.role}`)}</strong><br>
${escapeHtml(job.headline)}${job.opensOn ? ` (the window opened on ${escapeHtml(formatDay(job.opensOn, digest.today))})` : ""}.
${contact ? `<br>Whom to call: ${escapeHtml(contact)}` : ""}
<p style="margin:4px 0"><em>Why now:</em> ${escapeHtml(job.explanation)}</p>
${job.talkingPoints.length ? `<p style="margin:4px 0"><em>What to say:</em></p><ul>${job.talkingPoints.map((p) => `<li>${escapeHtml(p)}</li>`).join("")}</ul>` : ""}</li>`;
  });
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p><ol>${items.join("\n")}</ol>${more > 0 ? `<p>…and ${more} more on your timeline.</p>` : ""}<p>${link(timeline, "Open your timeline")}</p>${end.html}`,
  );
  return { to: digest.to, subject, text: text.join("\n"), html };
}

export function coachDigestMail(digest: CoachDigest, baseUrl: string): OutgoingMail {
  const subject = `Callback: your clients this week (${plural(digest.clients.length, "client", "clients")})`;
  const intro = `Hello, ${digest.name}. Here is where your clients stand this week (${formatDay(digest.weekOf, digest.weekOf)}).`;
  const counts = (c: CoachDigest["clients"][number]) => `${c.due} due, ${c.waiting} waiting, ${c.followedUp} followed up`;
  const end = footer(baseUrl, "You get this e-mail because you turned on the weekly coach digest.");
  const text = [intro, "", ...digest.clients.map((c) => `- ${c.name}: ${counts(c)}\n  ${baseUrl}/clients/${c.id}`), "", `All clients: ${baseUrl}/clients`, "", end.text];
  const rows = digest.clients
    .map((c) => `<tr><td style="padding:4px 12px 4px 0">${link(`${baseUrl}/clients/${c.id}`, c.name)}</td><td style="padding:4px 12px">${c.due}</td><td style="padding:4px 12px">${c.waiting}</td><td style="padding:4px 12px">${c.followedUp}</td></tr>`)
    .join("\n");
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p><table style="border-collapse:collapse"><thead><tr><th style="text-align:left">Client</th><th>Due</th><th>Waiting</th><th>Followed up</th></tr></thead><tbody>${rows}</tbody></table><p>${link(`${baseUrl}/clients`, "All clients")}</p>${end.html}`,
  );
  return { to: digest.to, subject, text: text.join("\n"), html };
}
