import { z } from "zod";
import { Email } from "./auth";
import { checkbox, id, optionalCalendarDate, requestId, requiredText, text, token } from "./fields";

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

/**
 * Turns a link's "show my insights" on or off after it was made. Said explicitly, never a
 * checkbox's absence: a request that does not say which way changes nothing.
 */
export const ShareLinkInsightsInput = z.object({
  linkId: id,
  showInsights: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
    error: "Choose whether the link shows your insights.",
  }),
});

export const ShareToken = token;

export const InviteCoachInput = z.object({ email: Email });
export const GrantIdInput = z.object({ grantId: id });
/** An invitation is opened, accepted or declined with its link's secret, never by its id. */
export const InvitationTokenInput = z.object({ token });
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
