import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ImportInput, MAX_IMPORT_BYTES } from "./format";

// The uploaded file and the import form around it, before any row is read.

/** A problem with the file as a whole, shown beside the file field. */
export const fileProblem = (message: string) => new AppError("invalid", message, { file: [message] });
export const tooLarge = () => fileProblem(`The file is larger than ${MAX_IMPORT_BYTES / 1000} KB: split it into smaller files.`);

/** The text of an uploaded file, refused when too large or not UTF-8 (what spreadsheets write as "CSV UTF-8"). */
export async function readImportFile(file: unknown): Promise<string> {
  if (!(file instanceof Blob) || file.size === 0) throw fileProblem("Choose a CSV file to import.");
  if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw fileProblem("This file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload that.");
  }
}

// Line endings and a byte order mark are not content: the browser may change them between
// the preview and the import (a form sends CRLF), and the fingerprint must not.
const normalise = (content: string) => content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
export const digestOf = (content: string) => createHash("sha256").update(content).digest("hex");

/** The import form checked, and the file's text with its line endings normalised. */
export function parseInput(input: unknown): { content: string; request: ImportInput } {
  const parsed = ImportInput.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    throw new AppError("invalid", errors.content?.[0] ?? "The import form was not filled in as expected: upload the file again.", errors);
  }
  const content = normalise(parsed.data.content);
  if (Buffer.byteLength(content) > MAX_IMPORT_BYTES) throw tooLarge();
  return { content, request: parsed.data };
}
