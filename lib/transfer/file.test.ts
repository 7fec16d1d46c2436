import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseInput, readImportFile } from "./file";
import { MAX_IMPORT_BYTES } from "./format";

async function fileProblem(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).fieldErrors.file?.[0];
}

describe("readImportFile", () => {
  it("reads a UTF-8 file as text", async () => {
    expect(await readImportFile(new Blob(["Company\nCafé Zoë\n"]))).toBe("Company\nCafé Zoë\n");
  });

  it.each([
    ["no file", null, "Choose a CSV file to import."],
    ["an empty file", new Blob([]), "Choose a CSV file to import."],
    ["a Latin-1 file", new Blob([Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a])]), "This file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload that."],
    ["a file one byte too large", new Blob(["x".repeat(MAX_IMPORT_BYTES + 1)]), "The file is larger than 900 KB: split it into smaller files."],
  ])("refuses %s", async (_, file, message) => {
    expect(await fileProblem(readImportFile(file))).toBe(message);
  });
});

describe("parseInput", () => {
  it("takes off a byte order mark and makes every line ending \\n", () => {
    expect(parseInput({ content: "\uFEFFCompany\r\nAcme\rGlobex\n" }).content).toBe("Company\nAcme\nGlobex\n");
  });

  it("measures the size once the line endings are normalised, as a form sends CRLF", async () => {
    const lines = "x\r\n".repeat(MAX_IMPORT_BYTES / 2);
    expect(parseInput({ content: lines }).content).toHaveLength(MAX_IMPORT_BYTES);
    expect(await fileProblem(Promise.resolve().then(() => parseInput({ content: `${lines}y` })))).toBe("The file is larger than 900 KB: split it into smaller files.");
  });
});
