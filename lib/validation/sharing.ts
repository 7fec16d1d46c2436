import { z } from "zod";
import { Email } from "./auth";
import { checkbox, id, optionalCalendarDate, requestId, requiredText, text } from "./fields";

export const CreateShareLinkInput = z.object({
  label: requiredText("Label", 100),
  expiresOn: optionalCalendarDate("Expiry date"),
  /** Contact details and private notes; off unless the job seeker ticks the box. */
  includePrivate: checkbox,
  /** The Insights page; off unless ticked. */
  includeInsights: checkbox,
});
export type CreateShareLinkInput = z.infer<typeof CreateShareLinkInput>;

export const ShareLinkIdInput = z.object({ linkId: id });

/** 32 random bytes in base64url: exactly 43 characters. */
export const ShareToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const InviteCoachInput = z.object({ email: Email });
export const GrantIdInput = z.object({ grantId: id });
export const ClientIdInput = z.object({ clientId: id });
export const ClientJobInput = z.object({ clientId: id, jobId: id });

export const AddCommentInput = z.object({
  clientId: id,
  jobId: id,
  body: text("Comment", 1000).refine((s) => s.length > 0, "Write a comment first."),
  requestId,
});
export type AddCommentInput = z.infer<typeof AddCommentInput>;

export const CommentIdInput = z.object({ commentId: id });
