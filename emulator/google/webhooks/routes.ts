/**
 * The subscriber management API (reference §5): `/v4/projects/{projectNumber}/subscribers[...]`,
 * called with project-level credentials (Google: a service account's token with the
 * cloud-platform scope; here `Authorization: Bearer <PROJECT_TOKEN>`). Create, patch and delete
 * answer a finished long-running Operation. Creating a subscriber, or changing its endpoint or
 * secret, first runs the verification handshake against the endpoint; a failed one is
 * FAILED_PRECONDITION and changes nothing. Also the public keyset that verifies signatures.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { RequestContext } from "../../context";
import { readBody } from "../../http";
import { invalidArgument, notFound, permissionDenied, RpcException, type RpcError, sendGoogleJson, sendRpcError, unauthenticated } from "../errors";
import { findGooglePerson } from "../people";
import { endpointVerifies } from "./delivery";
import {
  SUBSCRIBER_ID,
  subscriberBodySchema,
  subscriberResource,
  subscriptionBodySchema,
  subscriptionResource,
  type Subscriber,
} from "./subscribers";

/** Stands for a service account's access token with the cloud-platform scope. */
export const PROJECT_TOKEN = "emulator-project-credentials";
/** Where the emulator publishes its webhook keyset (the path third-party code fetches from gstatic). */
export const KEYSET_PATH = "/googlehealthapi/webhooks/webhooks_public_keyset.json";

const SUBSCRIBERS = /^\/v4\/projects\/(?<project>[^/]+)\/subscribers(?:\/(?<id>[^/]+)(?:\/subscriptions(?:\/(?<sid>[^/]+))?)?)?$/;
const UPDATABLE = ["endpointUri", "subscriberConfigs", "endpointAuthorization"] as const;

export const isSubscriberPath = (path: string) => path.startsWith("/v4/projects/");

const failedPrecondition = (message: string): RpcError => ({ code: 400, status: "FAILED_PRECONDITION", message });

function operation(project: string, response: Record<string, unknown>) {
  return { name: `projects/${project}/operations/${randomUUID()}`, done: true, response };
}
const subscriberOperation = (s: Subscriber) =>
  operation(s.project, { "@type": "type.googleapis.com/google.devicesandservices.health.v4.Subscriber", ...subscriberResource(s) });

function parseJson<T>(text: string, schema: z.ZodType<T>): T {
  let json: unknown = {};
  try {
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw invalidArgument("", "Invalid JSON payload received.", "Invalid JSON payload received.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    throw invalidArgument(field, `${field}: ${issue.message}`, `Invalid value at '${field}': ${issue.message}`);
  }
  return parsed.data;
}

export async function handleSubscriberApi(ctx: RequestContext): Promise<void> {
  const { req, res, state } = ctx;
  const body = req.method === "POST" || req.method === "PATCH" ? await readBody(req) : (req.resume(), "");
  const match = SUBSCRIBERS.exec(ctx.target.pathname);
  const kind = !match ? "unknown" : match.groups!.sid ? "subscription" : match.groups!.id && ctx.target.pathname.endsWith("/subscriptions") ? "subscriptions" : match.groups!.id ? "subscriber" : "subscribers";
  ctx.endpoint = `google.subscribers.${kind}.${(req.method ?? "").toLowerCase()}`;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? "");
  if (m?.[1] !== PROJECT_TOKEN) return sendRpcError(res, unauthenticated(false));
  try {
    if (!match) throw new RpcException(notFound());
    const { project, id, sid } = match.groups as { project: string; id?: string; sid?: string };
    if (!/^\d+$/.test(project))
      throw invalidArgument("parent", "Use the project number, not the project ID.", `Invalid resource name 'projects/${project}': a project number is required.`);
    if (project !== state.google.projectNumber) throw new RpcException(permissionDenied(`Permission denied on resource project ${project}.`));
    const query = new URLSearchParams(ctx.target.search);
    const hooks = state.google.webhooks;
    const store = hooks.subscribers;
    const now = new Date(state.clock.now()).toISOString();
    const existing = () => {
      const found = id ? store.get(id) : undefined;
      if (!found) throw new RpcException(notFound(`Subscriber ${id ?? ""} was not found.`));
      return found;
    };
    let answer: unknown;
    switch (`${kind} ${req.method}`) {
      case "subscribers POST": {
        const subscriberId = query.get("subscriberId") ?? "";
        if (!SUBSCRIBER_ID.test(subscriberId))
          throw invalidArgument("subscriber_id", "subscriberId must be 4-36 characters: a lowercase letter, then lowercase letters, digits or '-', not ending in '-'.", "Invalid subscriber_id.");
        if (store.get(subscriberId)) throw new RpcException({ code: 409, status: "ALREADY_EXISTS", message: `Subscriber ${subscriberId} already exists.` });
        const input = parseJson(body, subscriberBodySchema);
        if (!input.endpointUri || !input.subscriberConfigs?.length || !input.endpointAuthorization)
          throw invalidArgument("subscriber", "endpointUri, subscriberConfigs and endpointAuthorization are required.", "Missing required fields.");
        if (!(await endpointVerifies(input.endpointUri, input.endpointAuthorization.secret)))
          throw new RpcException(failedPrecondition("Endpoint verification failed: the endpoint must answer 200/201 with the secret and 401/403 without it."));
        const created: Subscriber = { project, id: subscriberId, endpointUri: input.endpointUri, configs: input.subscriberConfigs, secret: input.endpointAuthorization.secret, createTime: now, updateTime: now };
        store.put(created);
        answer = subscriberOperation(created);
        break;
      }
      case "subscribers GET": {
        const size = Number(query.get("pageSize") ?? "50");
        if (!Number.isInteger(size) || size < 0) throw invalidArgument("page_size", "pageSize must be a positive integer.", "Invalid page_size.");
        const pageSize = Math.min(size === 0 ? 50 : size, 1000);
        const offset = Number(query.get("pageToken") || "0");
        if (!Number.isInteger(offset) || offset < 0) throw invalidArgument("page_token", "Invalid page token.", "Invalid page_token.");
        const all = store.list();
        const page = all.slice(offset, offset + pageSize).map(subscriberResource);
        answer = { ...(page.length ? { subscribers: page } : {}), ...(offset + pageSize < all.length ? { nextPageToken: String(offset + pageSize) } : {}) };
        break;
      }
      case "subscriber GET":
        answer = subscriberResource(existing());
        break;
      case "subscriber PATCH": {
        const current = existing();
        const input = parseJson(body, subscriberBodySchema);
        const maskText = query.get("updateMask");
        const mask = maskText === null ? UPDATABLE.filter((f) => input[f] !== undefined) : maskText.split(",").map((f) => f.trim()).filter(Boolean);
        const unknown = mask.find((f) => !(UPDATABLE as readonly string[]).includes(f));
        if (unknown) throw invalidArgument("update_mask", `Field '${unknown}' cannot be updated.`, `Invalid update_mask path '${unknown}'.`);
        const next: Subscriber = { ...current, updateTime: now };
        for (const f of mask) {
          if (input[f as (typeof UPDATABLE)[number]] === undefined) throw invalidArgument(f, `${f} is in updateMask but not in the body.`, `Missing ${f}.`);
          if (f === "endpointUri") next.endpointUri = input.endpointUri!;
          if (f === "subscriberConfigs") next.configs = input.subscriberConfigs!; // a full replacement
          if (f === "endpointAuthorization") next.secret = input.endpointAuthorization!.secret;
        }
        if ((next.endpointUri !== current.endpointUri || next.secret !== current.secret) && !(await endpointVerifies(next.endpointUri, next.secret)))
          throw new RpcException(failedPrecondition("Endpoint verification failed: the endpoint must answer 200/201 with the secret and 401/403 without it."));
        store.put(next);
        answer = subscriberOperation(next);
        break;
      }
      case "subscriber DELETE": {
        const current = existing();
        if (store.subscriptionsOf(current.id).length > 0 && query.get("force") !== "true")
          throw new RpcException(failedPrecondition("The subscriber has subscriptions; delete them first or pass force=true."));
        store.delete(current.id);
        answer = operation(project, { "@type": "type.googleapis.com/google.protobuf.Empty" });
        break;
      }
      case "subscriptions POST": {
        const current = existing();
        if (!current.configs.some((c) => c.subscriptionCreatePolicy === "MANUAL"))
          throw new RpcException(failedPrecondition("The subscriber has no MANUAL subscriber config."));
        const input = parseJson(body, subscriptionBodySchema);
        const healthUserId = input.user.slice("users/".length);
        if (!findGooglePerson(healthUserId)) throw new RpcException(notFound(`User ${healthUserId} was not found.`));
        answer = subscriptionResource(project, store.addSubscription(current.id, healthUserId, input.dataTypes, now));
        break;
      }
      case "subscriptions GET": {
        const current = existing();
        const subs = store.subscriptionsOf(current.id).map((s) => subscriptionResource(project, s));
        answer = subs.length ? { subscriptions: subs } : {};
        break;
      }
      case "subscription DELETE": {
        const current = existing();
        if (!store.deleteSubscription(current.id, sid!)) throw new RpcException(notFound(`Subscription ${sid} was not found.`));
        answer = {};
        break;
      }
      default:
        throw new RpcException(notFound(`Method ${req.method ?? ""} not allowed on this resource.`));
    }
    sendGoogleJson(res, 200, answer);
  } catch (err) {
    if (err instanceof RpcException) return sendRpcError(res, err.error);
    throw err;
  }
}

export function serveKeyset(ctx: RequestContext): void {
  ctx.endpoint = "google.webhooks.keyset";
  ctx.req.resume();
  sendGoogleJson(ctx.res, 200, ctx.state.google.webhooks.signer.keyset(), { "cache-control": "public, max-age=86400" });
}
