/**
 * Control API under `/__emulator/` (JSON in and out). It lets tests and the demo steer the
 * emulator from another process: read counters, move the clock, inject faults, retire the API.
 * It does not exist on the real Fitbit, and no Fitbit endpoint depends on it.
 */
import { z } from "zod";
import type { RequestContext } from "./context";
import { faultInputSchema } from "./faults";
import { HttpError, readBody, sendJson } from "./http";
import { findPerson } from "./people";

const clockSchema = z.union([
  z.strictObject({ advanceSeconds: z.number().finite() }),
  z.strictObject({ setMs: z.number().int().nonnegative() }),
]);
const retiredSchema = z.strictObject({ retired: z.boolean() });
const rateLimitSchema = z.strictObject({ perHour: z.number().int().min(1).max(1_000_000) });

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

function person(params: Record<string, string>) {
  const found = findPerson(params.id ?? "");
  if (!found) throw new HttpError(404, `Unknown user ${params.id ?? ""}`);
  return found;
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
    method: "POST",
    pattern: /^\/users\/(?<id>[^/]+)\/expire-access-tokens$/,
    handle: (ctx, params) => ({
      expired: ctx.state.tokens.expireAccessTokens(person(params).encodedId),
    }),
  },
  {
    method: "GET",
    pattern: /^\/users\/(?<id>[^/]+)\/tokens$/,
    handle: (ctx, params) => {
      const clientId = new URLSearchParams(ctx.target.search).get("clientId") ?? undefined;
      return ctx.state.tokens.summary(person(params).encodedId, clientId);
    },
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
      return { nowMs: ctx.state.clock.now() };
    },
  },
  {
    method: "GET",
    pattern: /^\/rate-limit$/,
    handle: (ctx) => ({ perHour: ctx.state.rateLimiter.perHour }),
  },
  {
    method: "POST",
    pattern: /^\/rate-limit$/,
    handle: async (ctx) => {
      ctx.state.rateLimiter.perHour = (await input(ctx, rateLimitSchema)).perHour;
      return { perHour: ctx.state.rateLimiter.perHour };
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
