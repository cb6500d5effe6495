/**
 * Built-in `GET /1/user/{user}/profile.json` (reference §10.1) and the avatar images it links to.
 */
import type { DataRoute, DemoPerson } from "../types";
import { escapeHtml } from "../html";

/** Current UTC offset of `timeZone` at `atMs` (DST included), via Intl; no tz database needed. */
export function offsetFromUtcMillis(timeZone: string, atMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(atMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  const wholeSecond = Math.floor(atMs / 1000) * 1000;
  return wall - wholeSecond;
}

/** Today's date (yyyy-MM-dd) in the person's zone, for the age calculation. */
function localDate(timeZone: string, atMs: number): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(atMs));
}

function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Accept-Language `en_US` switches measurements to US units (reference §10.3, UNCONFIRMED). */
function usUnits(acceptLanguage: string | null): boolean {
  return (acceptLanguage ?? "").trim().replace("-", "_").toLowerCase().startsWith("en_us");
}

export function buildProfile(
  person: DemoPerson,
  nowMs: number,
  origin: string,
  acceptLanguage: string | null,
) {
  const us = person.locale === "en_US";
  // Unit preference fields follow the person's locale; US people get "en_US", others METRIC.
  const unit = us ? "en_US" : "METRIC";
  const toUs = usUnits(acceptLanguage);
  const height = toUs ? round1(person.heightCm / 2.54) : person.heightCm;
  const weight = toUs ? round1(person.weightKg * 2.20462) : person.weightKg;
  const walking = round1((toUs ? person.heightCm / 2.54 : person.heightCm) * 0.415);
  const running = round1(walking * 1.25);
  const avatar = (size: number) =>
    `${origin}/avatars/${encodeURIComponent(person.encodedId)}.svg?size=${size}`;
  return {
    user: {
      aboutMe: "",
      age: ageOn(person.dateOfBirth, localDate(person.timezone, nowMs)),
      ambassador: false,
      autoStrideEnabled: true,
      avatar: avatar(100),
      avatar150: avatar(150),
      avatar640: avatar(640),
      averageDailySteps: 6000 + (person.seed % 5000),
      challengesBeta: true,
      clockTimeDisplayFormat: us ? "12hour" : "24hour",
      corporate: false,
      corporateAdmin: false,
      dateOfBirth: person.dateOfBirth,
      displayName: person.displayName,
      displayNameSetting: "name",
      distanceUnit: unit,
      encodedId: person.encodedId,
      features: { exerciseGoal: true },
      firstName: person.firstName,
      foodsLocale: person.locale,
      fullName: `${person.firstName} ${person.lastName}`,
      gender: person.gender,
      glucoseUnit: unit,
      height,
      heightUnit: unit,
      isBugReportEnabled: false,
      isChild: false,
      isCoach: false,
      languageLocale: person.locale,
      lastName: person.lastName,
      legalTermsAcceptRequired: false,
      locale: person.locale,
      memberSince: person.memberSince,
      mfaEnabled: false,
      offsetFromUTCMillis: offsetFromUtcMillis(person.timezone, nowMs),
      sdkDeveloper: false,
      sleepTracking: "Normal",
      startDayOfWeek: us ? "SUNDAY" : "MONDAY",
      strideLengthRunning: running,
      strideLengthRunningType: "default",
      strideLengthWalking: walking,
      strideLengthWalkingType: "default",
      swimUnit: unit,
      timezone: person.timezone,
      topBadges: [],
      waterUnit: unit,
      waterUnitName: us ? "fl oz" : "ml",
      weight,
      weightUnit: unit,
    },
  };
}

export const profileRoute: DataRoute = {
  method: "GET",
  pattern: /^\/1\/user\/(?<user>[^/]+)\/profile\.json$/,
  scope: "profile",
  name: "profile",
  handle: (req) => ({
    status: 200,
    body: buildProfile(req.person, req.nowMs, req.origin, req.acceptLanguage),
  }),
};

/** A generated avatar: a coloured circle with the person's initials. */
export function avatarSvg(person: DemoPerson, size: number): string {
  const hue = (person.seed * 47) % 360;
  const initials = escapeHtml(`${person.firstName[0] ?? ""}${person.lastName[0] ?? ""}`);
  const name = escapeHtml(`${person.firstName} ${person.lastName}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100" role="img" aria-label="${name}">
<circle cx="50" cy="50" r="50" fill="hsl(${hue} 55% 38%)"/>
<text x="50" y="50" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="40" font-weight="600" fill="#fff">${initials}</text>
</svg>`;
}
