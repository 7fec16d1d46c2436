// The requests a signed-in user's browser sends besides a document load, built as Next's client
// builds them: a client-side navigation (a Link click: an RSC request) and a server action
// (a form sent with useActionState), plus the coach account that opens a client's timeline.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";
import { seedAccounts } from "./bench-seed.mjs";

const require = createRequire(import.meta.url);

/** Next's router state of a page (what the browser holds while showing it), e.g. ["(app)", "settings"]. */
export function routerState(segments) {
  let tree = ["__PAGE__", {}];
  for (const segment of [...segments].reverse()) tree = [segment, { children: tree }];
  return encodeURIComponent(JSON.stringify(["", { children: tree }, null, null, 0]));
}

/**
 * The request a Link click to `pathname` sends from the page whose router state is `from`: the
 * `RSC` and `Next-Router-State-Tree` headers, and the `_rsc` search parameter Next derives
 * from them (without it the server answers 307).
 */
export async function navigation(base, pathname, from) {
  const rsc = await computeCacheBustingSearchParam(undefined, undefined, from, undefined);
  const separator = pathname.includes("?") ? "&" : "?";
  return { url: `${base}${pathname}${separator}_rsc=${rsc}`, headers: { RSC: "1", "Next-Router-State-Tree": from } };
}

/** The id Next gave a server action at build time (from its server reference manifest). */
export function actionId(distDir, exportedName, file) {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"));
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName && (!file || v.filename === file));
  if (!found) throw new Error(`no server action ${exportedName} in the build`);
  return found[0];
}

/**
 * A server action as the browser sends it from a useActionState form: POST to the page, the
 * `Next-Action` header, the page's router state, and the arguments (previous state, the form)
 * encoded by React's own encodeReply. The answer holds the re-rendered page (Next renders the
 * redirect target or the revalidated page in the same response).
 */
export async function serverAction(base, { pathname, id, from, fields, previousState = { ok: false } }) {
  process.env.NODE_ENV ??= "production";
  const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node");
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const body = await encodeReply([previousState, form]);
  return { url: `${base}${pathname}`, init: { method: "POST", headers: { "Next-Action": id, "Next-Router-State-Tree": from, Accept: "text/x-component", Origin: base }, body } };
}

/** A coach account with a live (accepted) grant on `owner`'s jobs; returns the coach's account. */
export async function seedCoach(client, owner) {
  const [coach] = await seedAccounts(client, [1]);
  await client.query(
    `INSERT INTO "CoachGrant" (id, "ownerId", "coachEmail", "coachId", "acceptedAt") VALUES ($1, $2, $3, $4, now())`,
    [`bench-grant-${owner.userId}`, owner.userId, coach.email, coach.userId],
  );
  return { ...coach, name: coach.name };
}
