/**
 * Verifies Google Health webhook signatures with node:crypto (no Tink library for Node is kept
 * on npm; docs/decisions/0017-google-health-push.md). `X-HEALTHAPI-SIGNATURE` is an ECDSA P-256
 * signature over the raw body in Tink's wire format: for keys with output prefix TINK, byte 0x01
 * and the 4-byte key id (big endian), then the signature; LEGACY keys use 0x00 and sign the body
 * followed by one zero byte; RAW keys have no prefix. The keyset is Tink's JSON format, each
 * public key a serialized `google.crypto.tink.EcdsaPublicKey` protobuf read here by hand.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";

const ECDSA_PUBLIC_KEY = "type.googleapis.com/google.crypto.tink.EcdsaPublicKey";
/** Tink enum values (tink/proto/common.proto, ecdsa.proto). */
const HASH_SHA256 = 3;
const CURVE_NIST_P256 = 2;
const ENCODING_IEEE_P1363 = 1;
const ENCODING_DER = 2;

export const tinkKeysetSchema = z.object({
  primaryKeyId: z.number().int().nonnegative().optional(),
  key: z
    .array(
      z.object({
        keyData: z.object({ typeUrl: z.string(), value: z.string().max(4096), keyMaterialType: z.string().optional() }),
        status: z.string(),
        keyId: z.number().int().nonnegative().max(0xffffffff),
        outputPrefixType: z.enum(["TINK", "LEGACY", "RAW", "CRUNCHY"]),
      }),
    )
    .min(1)
    .max(50),
});

export interface VerifyingKey {
  keyId: number;
  prefix: "TINK" | "LEGACY" | "RAW";
  key: KeyObject;
  dsaEncoding: "der" | "ieee-p1363";
}

/** Protobuf fields of one message: varints as numbers, length-delimited fields as bytes. */
function protoFields(bytes: Buffer): Map<number, number | Buffer> {
  const fields = new Map<number, number | Buffer>();
  let at = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (at >= bytes.length) throw new Error("truncated varint");
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error("varint too long");
  };
  while (at < bytes.length) {
    const tag = varint();
    const [number, wire] = [Math.floor(tag / 8), tag % 8];
    if (wire === 0) fields.set(number, varint());
    else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new Error("truncated field");
      fields.set(number, bytes.subarray(at, at + length));
      at += length;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return fields;
}

/** A big-endian unsigned coordinate as exactly 32 bytes (Tink may add a leading zero byte). */
function coordinate(value: number | Buffer | undefined): Buffer {
  if (!Buffer.isBuffer(value)) throw new Error("missing coordinate");
  let start = 0;
  while (start < value.length - 32 && value[start] === 0) start++;
  const trimmed = value.subarray(start);
  if (trimmed.length > 32) throw new Error("coordinate too long");
  return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
}

/** The keyset's enabled ECDSA P-256/SHA-256 public keys; anything else is left out. */
export function verifyingKeys(keyset: z.infer<typeof tinkKeysetSchema>): VerifyingKey[] {
  const keys: VerifyingKey[] = [];
  for (const entry of keyset.key) {
    if (entry.status !== "ENABLED" || entry.keyData.typeUrl !== ECDSA_PUBLIC_KEY || entry.outputPrefixType === "CRUNCHY") continue;
    try {
      const fields = protoFields(Buffer.from(entry.keyData.value, "base64"));
      const paramsBytes = fields.get(2);
      const params = Buffer.isBuffer(paramsBytes) ? protoFields(paramsBytes) : new Map<number, number | Buffer>();
      const encoding = params.get(3);
      if (params.get(1) !== HASH_SHA256 || params.get(2) !== CURVE_NIST_P256) continue;
      if (encoding !== ENCODING_DER && encoding !== ENCODING_IEEE_P1363) continue;
      const key = createPublicKey({
        key: { kty: "EC", crv: "P-256", x: coordinate(fields.get(3)).toString("base64url"), y: coordinate(fields.get(4)).toString("base64url") },
        format: "jwk",
      });
      keys.push({ keyId: entry.keyId, prefix: entry.outputPrefixType, key, dsaEncoding: encoding === ENCODING_DER ? "der" : "ieee-p1363" });
    } catch {
      // A key we cannot read (not on the curve, malformed) verifies nothing.
    }
  }
  return keys;
}

/** Decodes the header (standard or URL-safe base64); null when it is not base64 at all. */
export function signatureBytes(header: string | null): Buffer | null {
  if (!header || header.length > 1024 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(header.trim())) return null;
  const bytes = Buffer.from(header.trim().replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length > 0 ? bytes : null;
}

/** Whether `signature` (Tink wire format) is a valid signature of `body` by one of `keys`. */
export function verifyTinkSignature(keys: readonly VerifyingKey[], body: Buffer, signature: Buffer): boolean {
  const check = (key: VerifyingKey, data: Buffer, raw: Buffer) => {
    try {
      return verify("sha256", data, { key: key.key, dsaEncoding: key.dsaEncoding }, raw);
    } catch {
      return false;
    }
  };
  if (signature.length > 5 && (signature[0] === 0x01 || signature[0] === 0x00)) {
    const keyId = signature.readUInt32BE(1);
    const prefix = signature[0] === 0x01 ? "TINK" : "LEGACY";
    const data = prefix === "LEGACY" ? Buffer.concat([body, Buffer.from([0])]) : body;
    for (const key of keys.filter((k) => k.prefix === prefix && k.keyId === keyId)) if (check(key, data, signature.subarray(5))) return true;
  }
  return keys.some((key) => key.prefix === "RAW" && check(key, body, signature));
}

/**
 * Whether a signature that did not verify may be from a key the keyset had not published yet:
 * its prefix names a key id we do not have (Google rotated), or it has no key id at all (RAW).
 * A signature under a key we have that still fails is simply wrong; fetching again cannot help.
 */
export function namesUnknownKey(keys: readonly VerifyingKey[], signature: Buffer): boolean {
  if (signature.length > 5 && (signature[0] === 0x01 || signature[0] === 0x00)) {
    const keyId = signature.readUInt32BE(1);
    if (keys.some((k) => k.prefix !== "RAW" && k.keyId === keyId)) return false;
  }
  return true;
}
