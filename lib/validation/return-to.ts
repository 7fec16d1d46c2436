/**
 * Where to send someone back to (after sign-in, sign-up, sign-out, an invitation): only a page
 * of this site. The value is resolved as a browser resolves it (WHATWG URL: `\` read as `/`,
 * tabs and newlines dropped, `//host` taken as another host) and kept only when the result has
 * the site's own origin. What is returned is the resolved path, never the raw value, so the
 * browser cannot read it differently from this check.
 */
export const DEFAULT_RETURN_TO = "/timeline";

export function safeReturnTo(value: unknown, origin: string, fallback = DEFAULT_RETURN_TO): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin || (target.protocol !== "http:" && target.protocol !== "https:")) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // A resolved path always starts with one "/"; "//" would be read as another host by a browser.
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
