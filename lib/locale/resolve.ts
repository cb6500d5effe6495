/**
 * Which locale a person's dates and numbers are written in. The words stay English; only how a
 * date or number is written follows the person (29 Nov 2026 / Nov 29, 2026 / 29. Nov. 2026).
 */
export const DEFAULT_LOCALE = "en-GB";

const MAX_HEADER_LENGTH = 512;

/** A locale tag Intl knows, canonicalised ("en-us" → "en-US"), or null. */
export function supportedLocale(tag: string | null | undefined): string | null {
  if (!tag || tag === "*") return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return null;
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf([canonical]);
    // A bare language ("en", "de") gets the region its speakers most often mean; English without a
    // region stays on the default (en-GB), as today.
    if (supported === "en") return DEFAULT_LOCALE;
    return supported ?? null;
  } catch {
    return null;
  }
}

/**
 * The person's locale from the browser's `Accept-Language` (best quality first), falling back to
 * a stored preference and then en-GB. Malformed or oversized headers fall back too: a header is
 * outside input.
 */
export function resolveLocale(acceptLanguage: string | null | undefined, stored?: string | null): string {
  const preferred = supportedLocale(stored);
  if (preferred) return preferred;
  if (!acceptLanguage || acceptLanguage.length > MAX_HEADER_LENGTH) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0 && entry.quality <= 1)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    const locale = supportedLocale(entry.tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
