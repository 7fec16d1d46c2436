#!/usr/bin/env node
// Draws the PNG icons (app/apple-icon.png, public/icon-*.png) and app/favicon.ico from
// app/icon.svg with the test browser, so the pictures stay one drawing. Run after editing it.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { root } from "./lib/database.mjs";

const svg = fs.readFileSync(path.join(root, "app/icon.svg"), "utf8");
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });

/** The icon at `size` px; `inset` leaves a margin of the brand colour (a maskable icon's safe zone). */
async function png(size, inset = 0) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const inner = Math.round(size * (1 - 2 * inset));
  await page.setContent(
    `<body style="margin:0;background:${inset ? "#1d5fd1" : "transparent"};display:grid;place-items:center;height:${size}px">
      <img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" width="${inner}" height="${inner}"></body>`,
  );
  const bytes = await page.screenshot({ omitBackground: !inset });
  await page.close();
  return bytes;
}

/** An .ico holding one PNG (every browser since 2007 reads PNG inside ICO). */
function ico(pngBytes, size) {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(pngBytes.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([header, pngBytes]);
}

const out = (file, bytes) => {
  fs.writeFileSync(path.join(root, file), bytes);
  console.log(`wrote ${file} (${bytes.length} bytes)`);
};
out("app/apple-icon.png", await png(180, 0.1));
out("public/icon-192.png", await png(192));
out("public/icon-512.png", await png(512));
out("public/icon-maskable-512.png", await png(512, 0.1));
out("app/favicon.ico", ico(await png(48), 48));
await browser.close();
