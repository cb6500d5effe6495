import "server-only";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/config/env";

/**
 * The cookies a link's "Continue" sets before sending the browser to the provider: NextAuth's own
 * state and PKCE cookies (same names, format and 15-minute life as NextAuth's `signIn` sets), so
 * NextAuth's callback checks the record's state and sends its verifier; and Nightly's cookie
 * naming the record, read when the sign-in completes. All are encrypted with NEXTAUTH_SECRET.
 */
export const FLOW_MAX_AGE_SECONDS = 15 * 60;

export interface CookieToSet {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; maxAge: number };
}

const secure = () => env().NEXTAUTH_URL.startsWith("https://");
const prefix = () => (secure() ? "__Secure-" : "");
export const reauthorizationCookieName = () => `${prefix()}nightly.reauthorization`;

async function sealed(name: string, token: Record<string, string>): Promise<CookieToSet> {
  return {
    name,
    value: await encode({ token, secret: env().NEXTAUTH_SECRET, maxAge: FLOW_MAX_AGE_SECONDS, salt: name }),
    options: { httpOnly: true, sameSite: "lax", path: "/", secure: secure(), maxAge: FLOW_MAX_AGE_SECONDS },
  };
}

export async function flowCookies(flow: { provider: string; state: string; codeVerifier: string; reauthorizationId: string; callbackUrl: string }): Promise<CookieToSet[]> {
  return [
    await sealed(`${prefix()}next-auth.state`, { value: flow.state, provider: flow.provider }),
    await sealed(`${prefix()}next-auth.pkce.code_verifier`, { value: flow.codeVerifier, provider: flow.provider }),
    await sealed(reauthorizationCookieName(), { value: flow.reauthorizationId, provider: flow.provider }),
    // NextAuth's callback-url cookie is plain text (it checks the URL against NEXTAUTH_URL itself).
    { name: `${prefix()}next-auth.callback-url`, value: flow.callbackUrl, options: { httpOnly: true, sameSite: "lax", path: "/", secure: secure(), maxAge: FLOW_MAX_AGE_SECONDS } },
  ];
}

/** The record a sign-in came from, if it started at a link's "Continue" for this provider. */
export async function reauthorizationIdOf(cookieValue: string | undefined, provider: string): Promise<string | null> {
  if (!cookieValue) return null;
  try {
    const token = await decode({ token: cookieValue, secret: env().NEXTAUTH_SECRET, salt: reauthorizationCookieName() });
    return token && token.provider === provider && typeof token.value === "string" ? token.value : null;
  } catch {
    return null;
  }
}
