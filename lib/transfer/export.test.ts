import { describe, expect, it } from "vitest";
import { exportFile } from "./export";

describe("exportFile", () => {
  it("names the file after the viewer's today, and says in the JSON when it was made and in which version", () => {
    const now = new Date("2026-03-20T23:30:00.000Z");
    const csv = exportFile([], "csv", "2026-03-21", now);
    expect(csv).toMatchObject({ filename: "callback-jobs-2026-03-21.csv", contentType: "text/csv; charset=utf-8" });
    const json = exportFile([], "json", "2026-03-21", now);
    expect(json).toMatchObject({ filename: "callback-jobs-2026-03-21.json", contentType: "application/json; charset=utf-8" });
    expect(JSON.parse(json.body)).toEqual({ format: "callback-jobs", version: 1, exportedAt: "2026-03-20T23:30:00.000Z", jobs: [] });
  });
});
