/**
 * Control API under `/__emulator/` (JSON in and out). It lets tests and the demo steer the
 * emulator from another process: read counters, move the clock, inject faults, retire the API.
 * It does not exist on the real Fitbit or Google, and no provider endpoint depends on it. Calls
 * about tokens take `?provider=google` to act on the Google side (default fitbit); users are
 * named by Fitbit encoded id or Google healthUserId.
 */
import { z } from "zod";
import type { RequestContext } from "./context";
import { faultInputSchema } from "./faults";
import { HttpError, readBody, sendJson } from "./http";
import { findGooglePerson, GOOGLE_PEOPLE, type GooglePerson } from "./google/people";

const clockSchema = z.union([
  z.strictObject({ advanceSeconds: z.number().finite() }),
  z.strictObject({ setMs: z.number().int().nonnegative() }),
]);
const retiredSchema = z.strictObject({ retired: z.boolean() });
const rateLimitSchema = z
  .strictObject({
    perHour: z.number().int().min(1).max(1_000_000).optional(),
    perMinute: z.number().int().min(1).max(1_000_000).optional(),
  })
  .refine((b) => b.perHour !== undefined || b.perMinute !== undefined, "perHour or perMinute");
const pagingSchema = z.strictObject({
  forceEmptyPages: z.boolean().optional(),
  sleepScanDays: z.number().int().min(1).max(3660).optional(),
  scanDays: z.number().int().min(1).max(3660).optional(),
});
const providerSchema = z.enum(["fitbit", "google"]).default("fitbit");
const deleteDataSchema = z.strictObject({
  dataType: z.string().min(1).max(64),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be yyyy-MM-dd"),
});

type Handler = (ctx: RequestContext, params: Record<string, string>) => Promise<unknown> | unknown;
interface ControlRoute {
  method: "GET" | "POST" | "DELETE";
  pattern: RegExp;
  handle: Handler;
}

/** Parses the JSON body (empty means `{}`) and validates it, or throws a 400 with the reason. */
async function input<T>(ctx: RequestContext, schema: z.ZodType<T>): Promise<T> {
  const text = await readBody(ctx.req);
  let json: unknown = {};
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpError(400, "Body is not valid JSON");
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HttpError(400, z.prettifyError(parsed.error));
  return parsed.data;
}

/** A demo person by Fitbit encoded id or Google healthUserId. */
function person(params: Record<string, string>): GooglePerson {
  const found = findGooglePerson(params.id ?? "");
  if (!found) throw new HttpError(404, `Unknown user ${params.id ?? ""}`);
  return found;
}

/** `?provider=fitbit|google` (default fitbit) and optional `clientId`. */
function target(ctx: RequestContext) {
  const query = new URLSearchParams(ctx.target.search);
  const parsed = providerSchema.safeParse(query.get("provider") ?? undefined);
  if (!parsed.success) throw new HttpError(400, "provider must be fitbit or google");
  return { provider: parsed.data, clientId: query.get("clientId") ?? undefined };
}

function describePerson(g: GooglePerson) {
  return {
    encodedId: g.person.encodedId,
    fitbitUserId: g.legacyUserId === "" ? null : g.legacyUserId,
    healthUserId: g.healthUserId,
    legacyUserId: g.legacyUserId,
    googleSub: g.sub,
    email: g.email,
    displayName: `${g.person.firstName} ${g.person.lastName}`,
    timezone: g.person.timezone,
    device: g.device,
  };
}

const routes: ControlRoute[] = [
  { method: "GET", pattern: /^\/health$/, handle: () => ({ status: "ok" }) },
  { method: "GET", pattern: /^\/requests$/, handle: (ctx) => ctx.state.counters.snapshot() },
  {
    method: "POST",
    pattern: /^\/requests\/reset$/,
    handle: (ctx) => {
      ctx.state.counters.reset();
      return { ok: true };
    },
  },
  {
    method: "GET",
    pattern: /^\/people$/,
    handle: () => ({ people: GOOGLE_PEOPLE.map(describePerson) }),
  },
  {
    method: "GET",
    pattern: /^\/users\/(?<id>[^/]+)$/,
    handle: (_ctx, params) => describePerson(person(params)),
  },
  {
    method: "POST",
    pattern: /^\/users\/(?<id>[^/]+)\/expire-access-tokens$/,
    handle: (ctx, params) => {
      const g = person(params);
      const { provider } = target(ctx);
      return {
        expired:
          provider === "google"
            ? ctx.state.google.tokens.expireAccessTokens(g.healthUserId)
            : ctx.state.tokens.expireAccessTokens(g.person.encodedId),
      };
    },
  },
  {
    method: "POST",
    pattern: /^\/users\/(?<id>[^/]+)\/revoke-tokens$/,
    handle: (ctx, params) => {
      const g = person(params);
      const { provider, clientId } = target(ctx);
      if (provider === "google")
        return { revokedClients: ctx.state.google.tokens.revokeUser(g.healthUserId, clientId) };
      const clients = clientId === undefined ? [...ctx.state.clients.keys()] : [clientId];
      for (const c of clients) ctx.state.tokens.revokeAll(c, g.person.encodedId);
      return { revokedClients: clients.length };
    },
  },
  {
    method: "GET",
    pattern: /^\/users\/(?<id>[^/]+)\/tokens$/,
    handle: (ctx, params) => {
      const g = person(params);
      const { provider, clientId } = target(ctx);
      return provider === "google"
        ? ctx.state.google.tokens.summary(g.healthUserId, clientId)
        : ctx.state.tokens.summary(g.person.encodedId, clientId);
    },
  },
  {
    method: "GET",
    pattern: /^\/google\/paging$/,
    handle: (ctx) => ({ ...ctx.state.google.paging }),
  },
  {
    method: "POST",
    pattern: /^\/google\/paging$/,
    handle: async (ctx) => {
      const body = await input(ctx, pagingSchema);
      const paging = ctx.state.google.paging;
      ctx.state.google.paging = {
        forceEmptyPages: body.forceEmptyPages ?? paging.forceEmptyPages,
        sleepScanDays: body.sleepScanDays ?? paging.sleepScanDays,
        scanDays: body.scanDays ?? paging.scanDays,
      };
      return { ...ctx.state.google.paging };
    },
  },
  {
    method: "POST",
    pattern: /^\/google\/users\/(?<id>[^/]+)\/delete-data$/,
    handle: async (ctx, params) => {
      const g = person(params);
      const body = await input(ctx, deleteDataSchema);
      return { deleted: ctx.state.google.webhooks.deleteData(g, body.dataType, body.date) };
    },
  },
  {
    method: "GET",
    pattern: /^\/google\/webhooks\/deliveries$/,
    handle: (ctx) => ({ deliveries: ctx.state.google.webhooks.deliverer.log() }),
  },
  {
    method: "POST",
    pattern: /^\/google\/webhooks\/scan$/,
    handle: (ctx) => ({ notified: ctx.state.google.webhooks.scan() }),
  },
  {
    method: "POST",
    pattern: /^\/google\/webhooks\/rotate-key$/,
    handle: (ctx) => ({ primaryKeyId: ctx.state.google.webhooks.signer.rotate() }),
  },
  { method: "GET", pattern: /^\/faults$/, handle: (ctx) => ({ faults: ctx.state.faults.list() }) },
  {
    method: "POST",
    pattern: /^\/faults$/,
    handle: async (ctx) => ({ fault: ctx.state.faults.add(await input(ctx, faultInputSchema)) }),
  },
  {
    method: "DELETE",
    pattern: /^\/faults$/,
    handle: (ctx) => {
      ctx.state.faults.clear();
      return { ok: true };
    },
  },
  { method: "GET", pattern: /^\/retired$/, handle: (ctx) => ({ retired: ctx.state.retired }) },
  {
    method: "POST",
    pattern: /^\/retired$/,
    handle: async (ctx) => {
      ctx.state.retired = (await input(ctx, retiredSchema)).retired;
      return { retired: ctx.state.retired };
    },
  },
  { method: "GET", pattern: /^\/clock$/, handle: (ctx) => ({ nowMs: ctx.state.clock.now() }) },
  {
    method: "POST",
    pattern: /^\/clock$/,
    handle: async (ctx) => {
      const body = await input(ctx, clockSchema);
      if ("advanceSeconds" in body) ctx.state.clock.advanceMs(body.advanceSeconds * 1000);
      else ctx.state.clock.setMs(body.setMs);
      // Nights that ended in the jump are "recorded" now: subscribers hear of them.
      const notified = ctx.state.google.webhooks.scan();
      return { nowMs: ctx.state.clock.now(), notified };
    },
  },
  {
    method: "GET",
    pattern: /^\/rate-limit$/,
    handle: (ctx) => ({
      perHour: ctx.state.rateLimiter.perHour,
      perMinute: ctx.state.google.rateLimiter.perMinute,
    }),
  },
  {
    method: "POST",
    pattern: /^\/rate-limit$/,
    handle: async (ctx) => {
      const body = await input(ctx, rateLimitSchema);
      if (body.perHour !== undefined) ctx.state.rateLimiter.perHour = body.perHour;
      if (body.perMinute !== undefined) ctx.state.google.rateLimiter.perMinute = body.perMinute;
      return {
        perHour: ctx.state.rateLimiter.perHour,
        perMinute: ctx.state.google.rateLimiter.perMinute,
      };
    },
  },
  {
    method: "POST",
    pattern: /^\/reset$/,
    handle: (ctx) => {
      ctx.state.resetTransient();
      return { ok: true };
    },
  },
];

/** Dispatches `/__emulator/...`; `subpath` is the part after the prefix, e.g. `/clock`. */
export async function handleControl(ctx: RequestContext, subpath: string): Promise<void> {
  try {
    const candidates = routes.filter((r) => r.pattern.test(subpath));
    if (candidates.length === 0) throw new HttpError(404, `No control endpoint ${subpath}`);
    const route = candidates.find((r) => r.method === ctx.req.method);
    if (!route) {
      ctx.res.setHeader("allow", candidates.map((r) => r.method).join(", "));
      throw new HttpError(405, `Method ${ctx.req.method ?? ""} not allowed on ${subpath}`);
    }
    const params = route.pattern.exec(subpath)?.groups ?? {};
    const result = await route.handle(ctx, { ...params });
    ctx.req.resume();
    sendJson(ctx.res, 200, result);
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    ctx.req.resume();
    sendJson(ctx.res, err.status, { error: err.message });
  }
}
