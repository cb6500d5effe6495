/** Input shapes for studies, links and tokens: shared by server actions and forms. */
import { z } from "zod";
import { METRICS } from "@/lib/api-schemas/dashboard";
import { checkRange, isoDate } from "@/lib/api-schemas/range";

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

export const createStudySchema = z
  .object({
    name: z.string().trim().min(1, "Give the study a name.").max(120),
    description: z.string().trim().max(2000).default(""),
    metrics: z.preprocess((value) => (typeof value === "string" ? [value] : value ?? []), z.array(z.enum(METRICS)).min(1, "Choose at least one metric.")),
    startDate: isoDate,
    endDate: z.union([isoDate, z.literal("")]).optional(),
    showNames: checkbox.default(false),
  })
  .refine((value) => !value.endDate || value.endDate >= value.startDate, { path: ["endDate"], message: "The end must be on or after the start." });

export const studyIdSchema = z.string().regex(/^[a-z0-9]{20,32}$/, "Not a study id.");
export const createLinkSchema = z.object({ studyId: studyIdSchema, expiresInDays: z.coerce.number().int().min(0).max(365).default(0) });
export const revokeLinkSchema = z.object({ studyId: studyIdSchema, linkId: studyIdSchema });
export const addMemberSchema = z.object({ studyId: studyIdSchema, email: z.email("Give the researcher's email address.").trim().toLowerCase() });
export const enrolSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Not an enrolment link.") });
export const leaveSchema = z.object({ studyId: studyIdSchema });
export const createApiTokenSchema = z.object({ name: z.string().trim().min(1, "Name the token.").max(80) });
export const revokeApiTokenSchema = z.object({ tokenId: studyIdSchema });

export const COHORT_SORTS = ["studyCode", "lastDataSync", "sleepCoverage", "nights7"] as const;
export const cohortQuerySchema = z.strictObject({
  sort: z.enum(COHORT_SORTS).default("studyCode"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  status: z.enum(["ACTIVE", "NEEDS_RECONSENT", "REVOKED", "RETIRED", "stale"]).optional(),
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type CohortQuery = z.infer<typeof cohortQuerySchema>;

/**
 * GET /api/v1/studies/{studyId}/export (and the study page's downloads): `format` csv (long) and
 * json (long, as JSON) are the original contract; wide_csv (one metric per file, `metric`
 * required), omh (Open mHealth JSON) and dictionary were added beside them.
 */
export const STUDY_EXPORT_FORMATS = ["csv", "json", "wide_csv", "omh", "dictionary"] as const;
export type StudyExportFormat = (typeof STUDY_EXPORT_FORMATS)[number];
export const studyExportQuerySchema = z
  .strictObject({
    format: z.enum(STUDY_EXPORT_FORMATS, { message: `format must be one of ${STUDY_EXPORT_FORMATS.join(", ")}.` }).default("csv"),
    metric: z.enum(METRICS, { message: `metric must be one of ${METRICS.join(", ")}.` }).optional(),
    from: isoDate,
    to: isoDate,
  })
  .superRefine((value, ctx) => {
    checkRange(value, ctx);
    if (value.format === "wide_csv" && !value.metric) ctx.addIssue({ code: "custom", path: ["metric"], message: "format=wide_csv needs metric (one file per metric)." });
    if (value.format !== "wide_csv" && value.metric) ctx.addIssue({ code: "custom", path: ["metric"], message: "metric applies only to format=wide_csv." });
  });
export type StudyExportQuery = z.infer<typeof studyExportQuerySchema>;

/** The cohort charts page: an optional custom range (both dates or neither). */
export const cohortChartsQuerySchema = z
  .strictObject({ from: isoDate.optional(), to: isoDate.optional() })
  .superRefine((value, ctx) => checkRange(value, ctx));
