import { z } from "zod";

/** 32 random bytes in base64url (exactly 43 characters), as a share link's token. */
export const FeedToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
