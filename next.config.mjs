import fs from "node:fs";

// Sent with every answer; the app server sends the same with the files it serves itself
// (server/static-assets.ts), so they live in one file.
const SECURITY_HEADERS = JSON.parse(fs.readFileSync(new URL("./server/security-headers.json", import.meta.url), "utf8"));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets two checkouts' worth of work (e.g. a benchmark and a
  // manual test) build side by side; the default is Next's own.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole project with tsc first; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Native (argon2) and WASM (PGlite) packages stay outside the server bundle. So does
  // date-holidays: bundled, its 1.6 MB of rules went into every route's chunk and each route
  // loaded its own copy (70 → 34 MB of server chunks; ~35 MB less resident memory, measured).
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "date-holidays"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: SECURITY_HEADERS,
      },
      {
        // An invitation's URL holds its secret, as a share link's does.
        source: "/invitations/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
      {
        // The coach's read-only view: never cached, indexed, framed or leaked via Referer.
        source: "/share/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
