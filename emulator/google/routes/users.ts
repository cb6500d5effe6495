/** `users/me/identity`, `profile`, `settings` and `pairedDevices` (reference §2.5, §3.7). */
import { devicesFor } from "../../data/devices";
import { localToUtc, offsetAt, parseLocalDateTime } from "../../data/time";
import { invalidArgument } from "../errors";
import { decodeToken, encodeToken, pageSizeOf, requestKey } from "../paging";
import { type GoogleRoute, v4 } from "../route";
import { googleDate, rfc3339 } from "../time";
import { parseDay } from "../../data/time";

const identity: GoogleRoute = {
  name: "google.identity",
  method: "GET",
  pattern: v4("identity"),
  scope: "any",
  queryParams: [],
  handle: ({ g }) => ({
    name: "users/me/identity",
    legacyUserId: g.legacyUserId,
    healthUserId: g.healthUserId,
  }),
};

function age(dateOfBirth: string, nowMs: number): number {
  const birth = new Date(dateOfBirth);
  const now = new Date(nowMs);
  let years = now.getUTCFullYear() - birth.getUTCFullYear();
  const before =
    now.getUTCMonth() < birth.getUTCMonth() ||
    (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (before) years--;
  return years;
}

const profile: GoogleRoute = {
  name: "google.profile",
  method: "GET",
  pattern: v4("profile"),
  scope: "profile",
  queryParams: [],
  handle: ({ g, params, nowMs }) => ({
    name: `users/${params.user}/profile`,
    age: age(g.person.dateOfBirth, nowMs),
    membershipStartDate: googleDate(parseDay(g.person.memberSince)!),
  }),
};

/** Unit enums: UNCONFIRMED value names (the generated types only say `string`); the water
 * unit follows the reference's `WATER_UNIT_ML`. */
function units(locale: string) {
  const us = locale === "en_US";
  const gb = locale === "en_GB";
  return {
    distanceUnit: us || gb ? "DISTANCE_UNIT_MILES" : "DISTANCE_UNIT_KILOMETERS",
    heightUnit: us ? "HEIGHT_UNIT_INCHES" : "HEIGHT_UNIT_CENTIMETERS",
    weightUnit: us ? "WEIGHT_UNIT_POUNDS" : gb ? "WEIGHT_UNIT_STONE" : "WEIGHT_UNIT_KILOGRAMS",
    waterUnit: us ? "WATER_UNIT_FL_OZ" : "WATER_UNIT_ML",
    temperatureUnit: us ? "TEMPERATURE_UNIT_FAHRENHEIT" : "TEMPERATURE_UNIT_CELSIUS",
  };
}

const settings: GoogleRoute = {
  name: "google.settings",
  method: "GET",
  pattern: v4("settings"),
  scope: "settings",
  queryParams: [],
  handle: ({ g, params, nowMs }) => {
    const tag = g.person.locale.replace("_", "-");
    return {
      name: `users/${params.user}/settings`,
      timeZone: g.person.timezone,
      utcOffset: `${offsetAt(g.person.timezone, nowMs) / 1000}s`,
      languageLocale: tag,
      ...units(g.person.locale),
      foodLanguageCode: tag,
      autoStrideEnabled: true,
    };
  },
};

const pairedDevices: GoogleRoute = {
  name: "google.pairedDevices",
  method: "GET",
  pattern: v4("pairedDevices"),
  scope: "settings",
  queryParams: ["pageSize", "pageToken"],
  handle: ({ g, params, query, nowMs }) => {
    const size = pageSizeOf(query.get("pageSize"), { defaultPageSize: 5, maxPageSize: 100 });
    const key = requestKey(["pairedDevices", g.healthUserId, size]);
    const start = decodeToken(query.get("pageToken"), key)?.i ?? 0;
    const tz = g.person.timezone;
    const all = devicesFor(g.person, nowMs).map((d, i) => {
      const local = parseLocalDateTime(d.lastSyncTime.slice(0, 19));
      if (local === null) throw invalidArgument("device", "bad sync time");
      return {
        name: `users/${params.user}/pairedDevices/${d.id}`,
        deviceType: d.type,
        // The tracker is the person's Google-side device (Noor wears a Pixel Watch).
        deviceVersion: i === 0 && d.type === "TRACKER" ? g.device : d.deviceVersion,
        batteryStatus: d.battery,
        batteryLevel: d.batteryLevel,
        lastSyncTime: rfc3339(localToUtc(tz, local)),
        macAddress: d.mac,
        ...(d.features && d.features.length > 0 ? { features: d.features } : {}),
      };
    });
    const page = all.slice(start, start + size);
    const out: Record<string, unknown> = { pairedDevices: page };
    if (start + size < all.length) out.nextPageToken = encodeToken(key, { d: 0, i: start + size });
    return out;
  },
};

export const userRoutes: GoogleRoute[] = [identity, profile, settings, pairedDevices];
