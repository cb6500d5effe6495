/**
 * Webhook subscribers of the emulated Cloud project (reference §5, data_subscription_service):
 * where notifications go, for which data types, under which policy, with which secret. AUTOMATIC
 * configs cover every person who granted the type's scope (no list); MANUAL configs cover only
 * the people given a subscription (`…/subscribers/{id}/subscriptions`).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";

/** Data types a subscriber may name: the largest list of the webhooks page versions (reference §8). */
export const WEBHOOK_DATA_TYPES = [
  "sleep", "daily-heart-rate-variability", "heart-rate-variability", "daily-respiratory-rate",
  "respiratory-rate-sleep-summary", "nutrition-log", "hydration-log", "heart-rate",
  "daily-resting-heart-rate", "steps", "distance", "floors", "exercise", "weight", "body-fat",
  "height", "sedentary-period", "active-minutes", "active-zone-minutes", "total-calories",
  "daily-oxygen-saturation", "oxygen-saturation", "altitude", "vo2-max", "activity-level",
  "calories-in-heart-rate-zone", "daily-skin-temperature", "time-in-heart-rate-zone",
] as const;

/** subscriberId: 4–36 characters, a lowercase letter first, no trailing hyphen. */
export const SUBSCRIBER_ID = /^[a-z]([a-z0-9-]{2,34}[a-z0-9])$/;

const dataTypeSchema = z
  .string()
  .transform((t) => t.replace(/^users\/[^/]+\/dataTypes\//, ""))
  .pipe(z.enum(WEBHOOK_DATA_TYPES));

export const subscriberConfigSchema = z.strictObject({
  dataTypes: z.array(dataTypeSchema).min(1).max(WEBHOOK_DATA_TYPES.length),
  subscriptionCreatePolicy: z.enum(["AUTOMATIC", "MANUAL"]),
});

export const subscriberBodySchema = z.object({
  name: z.string().optional(),
  endpointUri: z
    .string()
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "must be an absolute http(s) URL")
    .optional(),
  subscriberConfigs: z.array(subscriberConfigSchema).max(20).optional(),
  endpointAuthorization: z.strictObject({ secret: z.string().min(1).max(512) }).optional(),
});
export type SubscriberBody = z.infer<typeof subscriberBodySchema>;

export const subscriptionBodySchema = z.strictObject({
  dataTypes: z.array(dataTypeSchema).min(1),
  user: z.string().regex(/^users\/[A-Za-z0-9-]{1,63}$/, "must be users/{healthUserId}"),
});

export interface Subscriber {
  project: string;
  id: string;
  endpointUri: string;
  configs: z.infer<typeof subscriberConfigSchema>[];
  secret: string;
  createTime: string;
  updateTime: string;
}

export interface Subscription {
  id: string;
  subscriberId: string;
  healthUserId: string;
  dataTypes: string[];
  createTime: string;
}

/** The resource as the API shows it (the secret is never shown back). */
export function subscriberResource(s: Subscriber) {
  return {
    name: `projects/${s.project}/subscribers/${s.id}`,
    endpointUri: s.endpointUri,
    subscriberConfigs: s.configs,
    createTime: s.createTime,
    updateTime: s.updateTime,
  };
}

export function subscriptionResource(project: string, s: Subscription) {
  return {
    name: `projects/${project}/subscribers/${s.subscriberId}/subscriptions/${s.id}`,
    dataTypes: s.dataTypes,
    user: `users/${s.healthUserId}`,
    createTime: s.createTime,
  };
}

export class SubscriberStore {
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly subscriptions = new Map<string, Subscription>();

  list(): Subscriber[] {
    return [...this.subscribers.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): Subscriber | undefined {
    return this.subscribers.get(id);
  }

  put(s: Subscriber): void {
    this.subscribers.set(s.id, s);
  }

  delete(id: string): void {
    this.subscribers.delete(id);
    for (const [key, sub] of this.subscriptions) if (sub.subscriberId === id) this.subscriptions.delete(key);
  }

  subscriptionsOf(subscriberId: string): Subscription[] {
    return [...this.subscriptions.values()].filter((s) => s.subscriberId === subscriberId);
  }

  addSubscription(subscriberId: string, healthUserId: string, dataTypes: string[], nowIso: string): Subscription {
    const sub: Subscription = { id: randomUUID().slice(0, 8), subscriberId, healthUserId, dataTypes, createTime: nowIso };
    this.subscriptions.set(`${subscriberId}/${sub.id}`, sub);
    return sub;
  }

  deleteSubscription(subscriberId: string, id: string): boolean {
    return this.subscriptions.delete(`${subscriberId}/${id}`);
  }

  /** The MANUAL subscription of `subscriberId` covering this person and type, if any. */
  manualFor(subscriberId: string, healthUserId: string, dataType: string): Subscription | undefined {
    return this.subscriptionsOf(subscriberId).find((s) => s.healthUserId === healthUserId && s.dataTypes.includes(dataType));
  }

  clear(): void {
    this.subscribers.clear();
    this.subscriptions.clear();
  }
}
