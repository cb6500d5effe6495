import "server-only";
import { log } from "@/lib/log";
import { namesUnknownKey, tinkKeysetSchema, verifyingKeys, verifyTinkSignature, type VerifyingKey } from "./tink";

/**
 * The public keyset that verifies notification signatures, fetched from the configured URL and
 * cached for a day (third-party clients do the same). When a signature does not verify against
 * the cached keys and names a key id the cached keyset lacks, the keyset is fetched once more
 * (Google may have rotated its key) — at most once per REFETCH_MIN_MS, so a stream of forged
 * notifications cannot make us hammer the URL.
 */
const CACHE_MS = 24 * 60 * 60_000;
const REFETCH_MIN_MS = 10_000;

interface Cached {
  url: string;
  keys: VerifyingKey[];
  fetchedAt: number;
}
let cached: Cached | null = null;
let inFlight: Promise<Cached> | null = null;
/** When a failed verification last made us refetch. */
let lastRefetchAt = 0;

async function fetchKeyset(url: string): Promise<Cached> {
  inFlight ??= (async () => {
    try {
      const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`keyset answered ${response.status}`);
      const parsed = tinkKeysetSchema.safeParse(await response.json());
      if (!parsed.success) throw new Error("keyset is not a Tink JSON keyset");
      const keys = verifyingKeys(parsed.data);
      cached = { url, keys, fetchedAt: Date.now() };
      log.info("webhook keyset fetched", { keys: keys.length });
      return cached;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/**
 * Whether `signature` signs `body` under the keyset at `url`. A keyset that cannot be fetched
 * verifies nothing (the notification is refused and Google retries it later).
 */
export async function verifiedByKeyset(url: string, body: Buffer, signature: Buffer): Promise<boolean> {
  try {
    const fresh = cached && cached.url === url && Date.now() - cached.fetchedAt < CACHE_MS ? cached : await fetchKeyset(url);
    if (verifyTinkSignature(fresh.keys, body, signature)) return true;
    if (!namesUnknownKey(fresh.keys, signature) || Date.now() - lastRefetchAt < REFETCH_MIN_MS) return false;
    lastRefetchAt = Date.now();
    return verifyTinkSignature((await fetchKeyset(url)).keys, body, signature);
  } catch (error) {
    log.warn("webhook keyset unavailable", { error: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

/** Tests: start from an empty cache. */
export function forgetKeyset(): void {
  cached = null;
  lastRefetchAt = 0;
}
