import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import type { PushChange } from "@/lib/providers/types";
import { verifiedByKeyset } from "./keyset";
import { notificationSchema, verificationSchema } from "./schemas";
import { signatureBytes } from "./tink";

/**
 * Checks one request to the Google Health webhook endpoint, in the order that tells an attacker
 * nothing: push enabled → shared secret (constant time) → JSON → handshake or signature →
 * payload. Every refusal is an AppError (401/403/400) and nothing is recorded before all passed.
 */
export type GoogleWebhookRequest =
  | { kind: "verification" }
  | { kind: "notification"; bodyHash: string; providerUserId: string; change: PushChange };

export const SIGNATURE_HEADER = "x-healthapi-signature";

export function googlePushEnabled(): boolean {
  return Boolean(env().GOOGLE_WEBHOOK_SECRET && env().GOOGLE_WEBHOOK_KEYSET_URL);
}

/** Equal secrets, compared in constant time (hashes first, so lengths leak nothing either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export async function checkGoogleWebhook(headers: Headers, body: Buffer): Promise<GoogleWebhookRequest> {
  const { GOOGLE_WEBHOOK_SECRET: secret, GOOGLE_WEBHOOK_KEYSET_URL: keysetUrl } = env();
  if (!secret || !keysetUrl) throw new AppError(404, "not_found", "Push notifications are not enabled on this deployment.");
  const authorization = headers.get("authorization");
  if (authorization === null) throw new AppError(401, "unauthenticated", "The Authorization secret is missing.");
  if (!sameSecret(authorization, secret)) throw new AppError(403, "forbidden", "The Authorization secret is wrong.");

  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AppError(400, "bad_request", "The body is not JSON.");
  }
  // The handshake changes nothing, so the secret is all it needs.
  if (verificationSchema.safeParse(json).success) return { kind: "verification" };

  const signature = signatureBytes(headers.get(SIGNATURE_HEADER));
  if (!signature) throw new AppError(401, "unauthenticated", "The X-HEALTHAPI-SIGNATURE header is missing or not base64.");
  if (!(await verifiedByKeyset(keysetUrl, body, signature)))
    throw new AppError(401, "unauthenticated", "The signature does not verify.");

  const parsed = notificationSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(400, "bad_request", `Invalid notification: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "not understood"}`);
  }
  const data = parsed.data.data;
  return {
    kind: "notification",
    bodyHash: createHash("sha256").update(body).digest("hex"),
    providerUserId: data.healthUserId,
    change: {
      operation: data.operation,
      dataType: data.dataType,
      intervals: data.intervals.map((i) => ({
        start: i.physicalTimeInterval?.startTime ?? null,
        end: i.physicalTimeInterval?.endTime ?? null,
        civilStart: i.civilIso8601TimeInterval?.startTime ?? null,
        civilEnd: i.civilIso8601TimeInterval?.endTime ?? null,
      })),
    },
  };
}
