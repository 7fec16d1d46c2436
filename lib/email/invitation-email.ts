import type { OutgoingMail } from "@/lib/mail";
import { escapeHtml, link, page } from "./mail-html";

export type InvitationMail = { to: string; ownerName: string; ownerEmail: string; url: string; days: number };

/**
 * The coach's invitation: the link is the invitation (whoever opens it, signed in to any account,
 * may accept), so the e-mail says so, and says how long it works.
 */
export function invitationMail({ to, ownerName, ownerEmail, url, days }: InvitationMail): OutgoingMail {
  const subject = `${ownerName} invites you to follow their job search on Callback`;
  const intro = `${ownerName} (${ownerEmail}) invites you to coach them on Callback: you would see their job applications and when each follow-up is due, read-only, and could leave them comments.`;
  const how = `Open the link, sign in or create an account (with any e-mail address), and accept. The link works once, for ${days} days. Do not forward it: whoever opens it first can accept.`;
  const ignore = "If you do not know this person, ignore this e-mail: nothing happens unless the link is opened and accepted.";
  const text = [intro, "", how, "", url, "", ignore].join("\n");
  const html = page(subject, `<p>${escapeHtml(intro)}</p><p>${escapeHtml(how)}</p><p>${link(url, "Open the invitation")}</p><p style="color:#64748b;font-size:13px">${escapeHtml(ignore)}</p>`);
  return { to, subject, text, html };
}
