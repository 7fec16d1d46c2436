import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, stampClientAddress } from "./client-address";

const request = (headers: Record<string, string>, socket: { remoteAddress?: string } = { remoteAddress: "203.0.113.7" }) =>
  ({ headers: { ...headers }, socket }) as unknown as IncomingMessage;

describe("client address", () => {
  it("is the socket's address, whatever X-Forwarded-For says, unless a proxy is trusted", () => {
    expect(clientAddress(request({ "x-forwarded-for": "198.51.100.1" }), false)).toBe("203.0.113.7");
    expect(clientAddress(request({}), false)).toBe("203.0.113.7");
  });

  it("behind a trusted proxy, is the last hop the proxy appended (earlier entries are the client's to forge)", () => {
    expect(clientAddress(request({ "x-forwarded-for": "10.9.9.9, 198.51.100.1" }), true)).toBe("198.51.100.1");
    expect(clientAddress(request({ "x-forwarded-for": " 198.51.100.2 " }), true)).toBe("198.51.100.2");
    expect(clientAddress(request({}), true)).toBe("203.0.113.7");
  });

  it("is 'unknown' when the socket has no address (it closed)", () => {
    expect(clientAddress(request({}, {}), false)).toBe("unknown");
  });

  it("overwrites both headers Next and the app read", () => {
    const req = request({ "x-forwarded-for": "198.51.100.1", "x-callback-client-ip": "198.51.100.1" });
    stampClientAddress(req, false);
    expect([req.headers["x-forwarded-for"], req.headers["x-callback-client-ip"]]).toEqual(["203.0.113.7", "203.0.113.7"]);
  });
});
