import { z } from "zod";

/** A re-authorization link's secret: 32 random bytes, base64url (lib/api-tokens/secret.ts). */
export const linkSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "not a link secret");
