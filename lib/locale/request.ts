import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { formatterFor, type Formatter } from "./format";
import { resolveLocale } from "./resolve";

/**
 * The locale of the person making this request, from their browser's Accept-Language (Nightly
 * keeps no locale preference of its own yet). Resolved once per request, on the server, and handed
 * to client components through LocaleProvider, so both sides write the same text.
 */
export const requestLocale = cache(async (): Promise<string> => resolveLocale((await headers()).get("accept-language")));

/** The formatter for this request's locale (server components). */
export async function requestFormatter(): Promise<Formatter> {
  return formatterFor(await requestLocale());
}
