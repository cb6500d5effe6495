import "server-only";
import type { BreathingNightResult } from "@/lib/api-schemas/breathing";
import { type AuthorizedSubject } from "@/lib/authz/subject";
import { getBreathing } from "./breathing";

/** One night's breathing rates by stage (the same row the nightly range carries for that date). */
export async function getBreathingNight(subject: AuthorizedSubject, date: string): Promise<BreathingNightResult> {
  const { days } = await getBreathing(subject, { from: date, to: date });
  const night = days.find((day) => day.date === date) ?? null;
  const empty = !night || (night.full === null && night.deep === null && night.light === null && night.rem === null);
  return { date, night: empty ? null : night };
}
