import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BoundedCache } from "./bounded-cache";
import { negotiateLocale } from "./locale";

describe("negotiateLocale: a header becomes one of a bounded set of locales", () => {
  it.each([
    ["en-GB,en;q=0.9", "en-GB"],
    ["de-DE", "de-DE"],
    ["fr", "fr"],
    ["fr-CA;q=0.5, de;q=0.8", "de"],
    ["*, es;q=0.5", "es"],
    ["en-US;q=0, nl", "nl"],
    ["EN-gb", "en-GB"],
    ["zh-Hant-TW", "zh-Hant-TW"],
    ["not a tag!!, it", "it"],
    ["", "en-US"],
    [null, "en-US"],
  ])("%j → %j", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it("drops extensions and private use: the calendar and digits stay the same, and so does the key", () => {
    expect(negotiateLocale("en-GB-u-ca-islamic-nu-arab")).toBe("en-GB");
    expect(negotiateLocale(`en-GB-x-${"a".repeat(8)}`)).toBe("en-GB");
  });

  it("ignores an oversized header or tag instead of parsing it", () => {
    expect(negotiateLocale(`en-x-${"abcdefgh-".repeat(900)}`)).toBe("en-US");
    expect(negotiateLocale(`${"xx;q=0.1,".repeat(1000)}de`)).toBe("en-US");
  });

  it("whatever the header, the answer is short, well-formed and free of extensions (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (header) => {
        const locale = negotiateLocale(header);
        expect(locale.length).toBeLessThanOrEqual(16);
        expect(locale).not.toMatch(/-[ux]-/i);
        expect(() => new Intl.DateTimeFormat(locale)).not.toThrow();
      }),
    );
  });

  it("10,000 distinct headers produce no more distinct locales than Intl knows (a few hundred)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(negotiateLocale(`en-GB-x-${i.toString(36)}, de;q=0.${i % 9}`));
    expect(seen).toEqual(new Set(["en-GB"]));
  });
});

describe("BoundedCache", () => {
  it("keeps at most its size, dropping the least recently used", () => {
    const cache = new BoundedCache<string, number>(2);
    const make = (k: string) => k.length;
    cache.getOrCreate("a", make);
    cache.getOrCreate("bb", make);
    cache.getOrCreate("a", make); // a is now the most recent
    cache.getOrCreate("ccc", make); // bb goes
    expect(cache.size).toBe(2);
    let made = 0;
    cache.getOrCreate("a", () => ++made);
    expect(made).toBe(0);
    cache.getOrCreate("bb", () => ++made);
    expect(made).toBe(1);
  });
});
