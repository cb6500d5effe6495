/**
 * One Shimmer-style OAuth 1.0 authorization record (issue 9 §2), checked field by field. Shared
 * by the importer and its tests; no server-only import. Unknown fields (a database's `_class`)
 * are ignored; the OAuth 1.0 token and secret are checked for presence and then dropped.
 */
import { z } from "zod";

/** Fitbit's OAuth 1.0 user authorization endpoints (the API retired them in 2016). */
const FITBIT_OAUTH1_HOST = "www.fitbit.com";
const FITBIT_OAUTH1_PATHS = ["/oauth/authenticate", "/oauth/authorize"];

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? "is missing" : "must be text") })
    .trim()
    .min(1, "is empty")
    .max(max, `is longer than ${max} characters`);

const urlText = (max: number) => text(max).refine((value) => URL.canParse(value), "is not a URL");

/** The `oauth_token` of a Fitbit OAuth 1.0 authorization URL, or null if it is not one. */
export function fitbitOAuth1Token(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== "https:" || url.hostname !== FITBIT_OAUTH1_HOST || url.port !== "" || !FITBIT_OAUTH1_PATHS.includes(url.pathname)) return null;
  const token = url.searchParams.get("oauth_token");
  if (!token || !url.searchParams.get("oauth_consumer_key")) return null;
  const version = url.searchParams.get("oauth_version");
  if (version !== null && version !== "1.0") return null;
  return token;
}

export const shimmerRecordSchema = z
  .object(
    {
      id: text(200),
      stateKey: text(200),
      username: text(200),
      redirectUri: urlText(2000),
      requestParams: z.object(
        { oauth_token: text(500), oauth_token_secret: text(500) },
        { error: (issue) => (issue.input === undefined ? "is missing" : "must be an object with oauth_token and oauth_token_secret") },
      ),
      authorizationUrl: text(4000).refine(
        (value) => fitbitOAuth1Token(value) !== null,
        "is not a Fitbit OAuth 1.0 authorization URL (https://www.fitbit.com/oauth/authenticate?oauth_consumer_key=…&oauth_token=…)",
      ),
      clientRedirectUrl: text(2000),
      isAuthorized: z.boolean({ error: "must be true or false" }).optional(),
      serializedRequest: z.unknown().optional(),
    },
    { error: (issue) => (issue.input === undefined ? "is missing" : "must be a JSON object") },
  )
  .superRefine((record, ctx) => {
    const token = fitbitOAuth1Token(record.authorizationUrl);
    if (token !== null && token !== record.requestParams.oauth_token)
      ctx.addIssue({ code: "custom", path: ["authorizationUrl"], message: "names a different oauth_token than requestParams" });
  });

export type ShimmerRecord = z.infer<typeof shimmerRecordSchema>;

/** What the importer keeps of a record (for tracing): never the OAuth 1.0 token or secret. */
export interface TracedRecord {
  id: string;
  stateKey: string;
  username: string;
  clientRedirectUrl: string;
}

export function traced(record: ShimmerRecord): TracedRecord {
  return { id: record.id, stateKey: record.stateKey, username: record.username, clientRedirectUrl: record.clientRedirectUrl };
}

/** Zod's issues for one record as one line of plain words: `username is missing; …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).join(".");
      return field ? `${field} ${issue.message}` : `the record ${issue.message}`;
    })
    .join("; ");
}
