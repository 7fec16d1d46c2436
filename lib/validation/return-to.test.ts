import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

const origin = "http://localhost:3000";

describe("safeReturnTo: only pages of this site", () => {
  it.each([
    ["/jobs/abc", "/jobs/abc"],
    ["/jobs/abc?tab=1#history", "/jobs/abc?tab=1#history"],
    ["/clients", "/clients"],
    ["http://localhost:3000/settings", "/settings"],
    ["jobs/abc", "/jobs/abc"],
    ["/a/../settings", "/settings"],
    ["/foo\\bar", "/foo/bar"],
  ])("keeps %j as %j", (value, expected) => {
    expect(safeReturnTo(value, origin)).toBe(expected);
  });

  // Every way a browser can be led to another host from a value that starts like a path.
  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/%09/evil.example",
    "https://evil.example/timeline",
    "http://localhost:3000@evil.example/",
    "http://localhost:3001/timeline",
    "https://localhost:3000/timeline",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "///evil.example",
    "/\u3000/evil.example",
    "",
  ])("refuses %j (goes to the timeline)", (value) => {
    const result = safeReturnTo(value, origin);
    // Whatever was refused or kept, a browser resolves the result to this origin.
    expect(new URL(result, origin).origin).toBe(origin);
    if (!value.startsWith("/%09") && !value.startsWith("/\u3000")) expect(result).toBe("/timeline");
  });

  it("refuses anything that is not a string", () => {
    for (const value of [undefined, null, 42, ["/jobs"], { href: "/jobs" }]) expect(safeReturnTo(value, origin)).toBe("/timeline");
  });

  it("whatever the value, the browser ends up on this site (property)", () => {
    fc.assert(
      // Short strings over the characters that matter to URL parsing, with a path-like start.
      fc.property(fc.stringMatching(/^[/\\\t\n .:@%a-z0-9?#]{0,24}$/), (value) => {
        const result = safeReturnTo(value, origin);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        expect(new URL(result, origin).origin).toBe(origin);
      }),
      { numRuns: 1000 },
    );
  });
});
