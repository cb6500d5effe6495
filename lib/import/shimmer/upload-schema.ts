import { z } from "zod";

/** The console's upload: at most this many bytes (1,000 records are about 0.7 MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The form fields of an upload, besides the file itself. Shared by the route and the form. */
export const uploadFieldsSchema = z.object({
  studyId: z
    .string()
    .trim()
    .transform((value) => value || null)
    .pipe(z.string().regex(/^[a-z0-9]{20,32}$/, "Choose a study from the list.").nullable())
    .optional()
    .transform((value) => value ?? null),
});

/** What the upload route answers: the importer's report, plus the links as CSV for download. */
export interface UploadAnswer {
  format: string;
  imported: { line: number; username: string; link: string }[];
  unchanged: { line: number; username: string }[];
  problems: { line: number; message: string }[];
  provider: string | null;
  /** The provider's display name ("Google", "Fitbit"), for the sentence about where links lead. */
  providerName: string | null;
  linksCsv: string;
}
