"use server";

import { revalidatePath } from "next/cache";
import { failure } from "@/app/_lib/action-failure";
import { type ActionState } from "@/app/_lib/action-state";
import { importJobs, previewImport } from "@/lib/data/transfer";
import { readImportFile, type ImportPreview } from "@/lib/transfer";

export type ImportState = ActionState & { preview?: ImportPreview };

/** How to read each column, as the preview's selects name them: column-0, column-1... */
function mappingOf(formData: FormData): string[] | undefined {
  const count = [...formData.keys()].filter((k) => /^column-\d+$/.test(k)).length;
  return count ? Array.from({ length: count }, (_, i) => String(formData.get(`column-${i}`) ?? "")) : undefined;
}

/**
 * Previews (the default step) or imports. Both read the whole file again, from the upload or
 * from the text the page sends back, and check every row: the preview shown is never trusted.
 */
export async function importAction(_prev: ImportState, formData: FormData): Promise<ImportState> {
  try {
    const file = formData.get("file");
    const input = {
      content: file === null ? formData.get("content") : await readImportFile(file),
      mapping: mappingOf(formData),
      dateOrder: formData.get("dateOrder") ?? undefined,
      digest: formData.get("digest") ?? undefined,
      requestId: formData.get("requestId") ?? undefined,
    };
    if (formData.get("step") !== "import") return { ok: true, preview: await previewImport(input) };
    const { imported } = await importJobs(input);
    revalidatePath("/timeline");
    return { ok: true, message: `Imported ${imported} ${imported === 1 ? "job" : "jobs"}.`, data: { imported: String(imported) } };
  } catch (error) {
    return failure(error);
  }
}
