/**
 * The security headers every response carries (set by proxy.ts). Scripts run only with the
 * per-request nonce Next.js stamps on its own inline and bundle scripts ('strict-dynamic' lets
 * those load their chunks); styles allow inline because React `style` attributes and the chart
 * library need it and styles cannot run code. `frame-ancestors 'none'` stops clickjacking of
 * the account page's two-click Disconnect and Delete. See docs/decisions/0005-security-headers.md.
 */
import { loopbackProviderOrigin, PROVIDER_IMAGE_SOURCES } from "@/lib/providers/avatar-hosts";

export interface SecurityHeaderOptions {
  nonce: string;
  /** Served over https (directly or behind a TLS-terminating proxy). */
  https: boolean;
  development: boolean;
  /** FITBIT_OAUTH_BASE_URL / FITBIT_API_BASE_URL: where sign-in goes and avatars come from. */
  providerUrls: readonly (string | undefined)[];
}

export function contentSecurityPolicy({ nonce, https, development, providerUrls }: SecurityHeaderOptions): string {
  const providerOrigins = providerUrls.flatMap((url) => {
    try {
      return url ? [new URL(url).origin] : [];
    } catch {
      return [];
    }
  });
  const emulatorImages = providerUrls.map(loopbackProviderOrigin).filter((origin): origin is string => origin !== null);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${[...PROVIDER_IMAGE_SOURCES, ...new Set(emulatorImages)].join(" ")}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${[...new Set(providerOrigins)].join(" ")}`.trim(),
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
