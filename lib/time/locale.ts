import { BoundedCache } from "./bounded-cache";

export const DEFAULT_LOCALE = "en-US";

// A real Accept-Language is a few tags of a few characters; anything beyond these bounds is
// ignored rather than parsed (browsers send at most a handful, each under 20 characters).
const MAX_HEADER_CHARS = 256;
const MAX_TAGS = 8;
const MAX_TAG_CHARS = 35;

/** Canonical tag → the locale Intl actually formats with (a few hundred at most). */
const resolved = new BoundedCache<string, string>(512);

/**
 * The reader's locale for formatting dates, from an Accept-Language header, reduced to what
 * changes the output: language, script and region, as Intl resolves them ("en-GB", "de", "zh-Hant-TW").
 * Extensions (-u-ca-…, -x-…) are dropped, so every date stays Gregorian and no header makes
 * a new key for a cache. Weights are honoured (q=0 means "not this one").
 */
export function negotiateLocale(header: string | null | undefined): string {
  if (!header) return DEFAULT_LOCALE;
  const candidates = header
    .slice(0, MAX_HEADER_CHARS)
    .split(",")
    .slice(0, MAX_TAGS)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((c) => c.tag && c.tag !== "*" && c.tag.length <= MAX_TAG_CHARS && c.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of candidates) {
    const locale = canonical(tag);
    if (locale) return resolved.getOrCreate(locale, (l) => new Intl.DateTimeFormat(l).resolvedOptions().locale);
  }
  return DEFAULT_LOCALE;
}

function canonical(tag: string): string | null {
  try {
    const { language, script, region } = new Intl.Locale(tag);
    const base = [language, script, region].filter(Boolean).join("-");
    return Intl.DateTimeFormat.supportedLocalesOf([base]).length ? base : null;
  } catch {
    return null; // not a well-formed language tag: try the next one
  }
}
