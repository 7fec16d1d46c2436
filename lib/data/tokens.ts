import "server-only";
import { createHash, randomBytes } from "node:crypto";

// Bearer secrets (share links, calendar feeds, coach invitations): 256 random bits in
// base64url (43 characters), of which only the SHA-256 is stored, so a database leak opens nothing.

/** A new token: returned to its owner once, never stored or logged. */
export const newToken = () => randomBytes(32).toString("base64url");

/** What the database keeps of a token, and looks it up by. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
