import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createShedding } from "./shedding";

/** Just enough of a request and its response: a URL, and a response that records its answer and can "close". */
function exchange(url: string) {
  const req = Object.assign(new EventEmitter(), { url, resume: () => req }) as unknown as IncomingMessage;
  const res = Object.assign(new EventEmitter(), {
    status: 0,
    headers: {} as Record<string, string>,
    writeHead(status: number, headers: Record<string, string>) {
      Object.assign(res, { status, headers });
    },
    end() {},
  });
  return { req, res: res as unknown as ServerResponse & { status: number; headers: Record<string, string> } };
}

describe("load shedding", () => {
  it("answers 503 with Retry-After beyond the cap, and admits again once a request is done", () => {
    const shedding = createShedding({ maxInflight: 2, healthMaxInflight: 1 });
    const first = exchange("/timeline");
    const settle = shedding.admit(first.req, first.res)!;
    expect(shedding.admit(exchange("/jobs").req, exchange("/jobs").res)).not.toBeNull();
    const third = exchange("/timeline");
    expect(shedding.admit(third.req, third.res)).toBeNull();
    expect([third.res.status, third.res.headers["Retry-After"]]).toEqual([503, "1"]);

    // In flight until both the connection closed and the server finished with it.
    first.res.emit("close");
    expect(shedding.inflight.app).toBe(2);
    settle();
    expect(shedding.inflight.app).toBe(1);
    const fourth = exchange("/timeline");
    expect(shedding.admit(fourth.req, fourth.res)).not.toBeNull();
  });

  it("gives /api/health its own budget, and never sheds build assets", () => {
    const shedding = createShedding({ maxInflight: 1, healthMaxInflight: 1 });
    const app = exchange("/timeline");
    expect(shedding.admit(app.req, app.res)).not.toBeNull();
    const health = exchange("/api/health?probe=1");
    expect(shedding.admit(health.req, health.res)).not.toBeNull();
    const again = exchange("/api/health");
    expect(shedding.admit(again.req, again.res)).toBeNull();
    for (let i = 0; i < 5; i++) {
      const asset = exchange("/_next/static/chunks/main.js");
      expect(shedding.admit(asset.req, asset.res)).not.toBeNull();
    }
    expect(shedding.inflight).toEqual({ app: 1, health: 1 });
  });

  it("is off with a cap of 0", () => {
    const shedding = createShedding({ maxInflight: 0, healthMaxInflight: 0 });
    for (let i = 0; i < 100; i++) {
      const { req, res } = exchange(i % 2 ? "/timeline" : "/api/health");
      expect(shedding.admit(req, res)).not.toBeNull();
    }
  });
});
