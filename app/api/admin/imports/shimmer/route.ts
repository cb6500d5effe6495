import { defineRoute } from "@/lib/http/route";
import { AppError } from "@/lib/errors/app-error";
import { importShimmerFile } from "@/lib/import/shimmer/import-records";
import { isKnownProvider, providerById } from "@/lib/providers/registry";
import { MAX_UPLOAD_BYTES, uploadFieldsSchema, type UploadAnswer } from "@/lib/import/shimmer/upload-schema";
import { csvLines } from "@/lib/research/export/csv";

/**
 * The admin console's upload of Shimmer OAuth 1.0 records (issue 9 §2): multipart form with
 * `file` (JSON array or NDJSON) and an optional `studyId`. All or nothing; the answer lists the
 * problems with their lines, or the new links (shown this once).
 */
export const POST = defineRoute({
  auth: "user",
  allow: { roles: ["ADMIN"] },
  handler: async ({ request, viewer }): Promise<UploadAnswer> => {
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_UPLOAD_BYTES + 64 * 1024) throw new AppError(413, "too_large", "The file is larger than 10 MB. Split it into smaller files.");
    const form = await request.formData().catch(() => {
      throw new AppError(400, "bad_request", "Send the file as a form upload (multipart/form-data).");
    });
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new AppError(400, "bad_request", "Choose a file to import.");
    if (file.size > MAX_UPLOAD_BYTES) throw new AppError(413, "too_large", "The file is larger than 10 MB. Split it into smaller files.");
    const fields = uploadFieldsSchema.safeParse({ studyId: form.get("studyId") ?? undefined });
    if (!fields.success) throw new AppError(400, "bad_request", fields.error.issues[0]?.message ?? "The form was not understood.");
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      throw new AppError(400, "bad_request", "The file is not UTF-8 text. Export the records as JSON.");
    }
    const report = await importShimmerFile(text, { studyId: fields.data.studyId, importedById: viewer.id });
    return {
      format: report.format,
      imported: report.imported,
      unchanged: report.unchanged,
      problems: report.problems,
      provider: report.provider,
      // The name for the console's sentence, so no provider id is spelled out in browser code.
      providerName: report.provider && isKnownProvider(report.provider) ? providerById(report.provider).copy.name : null,
      linksCsv: report.imported.length > 0 ? csvLines([["line", "username", "link"], ...report.imported.map((entry) => [entry.line, entry.username, entry.link])]) : "",
    };
  },
});
