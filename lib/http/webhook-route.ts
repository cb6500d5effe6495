import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse, unlessDatabaseDown } from "./route";

/**
 * The one wrapper for webhook endpoints: server-to-server POSTs from a provider, authenticated
 * by what the provider sends (a shared secret, a signature over the raw body), never by a
 * session. Deliberately without defineRoute's cross-site check: that check stops a *browser*
 * from carrying a signed-in person's cookie to a mutation, and a webhook reads no cookie and acts
 * for no session — what protects it is the secret and the signature, checked by the handler
 * before anything changes. The raw body is handed over byte for byte (the signature covers it),
 * capped at `maxBytes`. Errors take the standard shape.
 */
export interface WebhookSpec {
  maxBytes?: number;
  handler: (input: { request: NextRequest; body: Buffer }) => Promise<Response>;
}

const DEFAULT_MAX_BYTES = 256 * 1024;

async function readCapped(request: NextRequest, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new AppError(413, "bad_request", "The body is too large.");
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError(413, "bad_request", "The body is too large.");
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

export function defineWebhookRoute(spec: WebhookSpec) {
  return async (request: NextRequest): Promise<Response> => {
    try {
      const body = await readCapped(request, spec.maxBytes ?? DEFAULT_MAX_BYTES);
      return await spec.handler({ request, body });
    } catch (error) {
      return errorResponse(await unlessDatabaseDown(error));
    }
  };
}
