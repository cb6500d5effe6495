import "server-only";
import { hashSecret } from "@/lib/api-tokens/secret";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { legacyRetiredSetting } from "@/lib/deployment/legacy-retired";
import { AppError } from "@/lib/errors/app-error";
import { authorizationUrlOf, openRequest, prepareRequest, reauthorizationProvider, sealRequest, type PreparedRequest } from "./authorization-request";
import { flowCookies, type CookieToSet } from "./reauthorization-cookie";

/** What a link's page may show: the username it is for, whether it was used, the study it joins. */
export async function reauthorizationForLink(secret: string) {
  return db.importedAuthorization.findUnique({
    where: { linkTokenHash: hashSecret(secret) },
    select: { id: true, username: true, reauthorizedAt: true, study: { select: { name: true, description: true, metrics: true, startDate: true, endDate: true, showNames: true } } },
  });
}

/**
 * "Continue" on a link (a POST): the record's OAuth 2.0 request, for the provider the link leads
 * to now (Google when the legacy API is marked retired, Fitbit otherwise; a request prepared for
 * the other one, or one whose encryption key was retired, is replaced by a fresh one), handed to
 * NextAuth through its cookies. Returns where to send the browser and the cookies to set.
 */
export async function startReauthorization(secret: string): Promise<{ authorizationUrl: string; cookies: CookieToSet[] }> {
  const record = await db.importedAuthorization.findUnique({ where: { linkTokenHash: hashSecret(secret) } });
  if (!record) throw new AppError(404, "not_found", "This link does not work. Ask the people who sent it for a new one.");
  if (record.reauthorizedAt) throw new AppError(409, "conflict", "This link was already used. Sign in on Nightly's home page.");
  const provider = reauthorizationProvider((await legacyRetiredSetting()).retired);
  const stored = record.provider === provider.id ? openRequest(record.requestEnc, record.username) : null;
  let request: PreparedRequest;
  if (stored) request = { provider: record.provider, redirectUri: record.redirectUri, scopes: record.scopes, ...stored };
  else {
    request = prepareRequest(provider);
    await db.importedAuthorization.update({
      where: { id: record.id },
      data: { provider: request.provider, redirectUri: request.redirectUri, scopes: request.scopes, requestEnc: sealRequest(request, record.username) },
    });
  }
  await db.importedAuthorization.update({ where: { id: record.id }, data: { startedAt: new Date() } });
  await recordAudit({ action: "reauthorization.start", target: record.id, studyId: record.studyId, details: { provider: request.provider } });
  return {
    authorizationUrl: authorizationUrlOf(request),
    cookies: await flowCookies({ ...request, reauthorizationId: record.id, callbackUrl: "/dashboard?reauthorized=1" }),
  };
}
