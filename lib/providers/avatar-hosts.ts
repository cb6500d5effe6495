/**
 * Provider-supplied image URLs (avatars) are shown in pages, so they are accepted only from the
 * provider's own image hosts over https. The one exception is a provider base URL on loopback —
 * the emulator in development and tests — which the production start guard refuses anyway.
 * Shared by profile ingestion and the Content-Security-Policy's img-src.
 */
const FITBIT_IMAGE_HOST = /^(static\d*|www)\.fitbit\.com$/;
/** CSP sources for the hosts above (a new provider adds its image hosts here and above). */
export const PROVIDER_IMAGE_SOURCES = ["https://*.fitbit.com"];

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLoopbackUrl(value: string): boolean {
  try {
    return LOOPBACK.has(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** The configured provider origin when it is loopback (the emulator), else null. */
export function loopbackProviderOrigin(providerBaseUrl: string | undefined): string | null {
  return providerBaseUrl && isLoopbackUrl(providerBaseUrl) ? new URL(providerBaseUrl).origin : null;
}

/** The avatar URL if it is safe to show, else null (the page then shows no avatar). */
export function safeAvatarUrl(value: string | null | undefined, providerBaseUrl: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === "https:" && FITBIT_IMAGE_HOST.test(url.hostname)) return url.toString();
  const emulator = loopbackProviderOrigin(providerBaseUrl);
  if (emulator && url.origin === emulator) return url.toString();
  return null;
}
