/**
 * Nightly's reading of Tink keysets and wire-format signatures, against keys made here with
 * node:crypto (the emulator's signer covers the TINK/DER case end to end in the integration
 * tests): every output prefix, both signature encodings, and keys that must verify nothing.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ecdsaPublicKeyProto } from "@/emulator/google/webhooks/signing";
import { namesUnknownKey, signatureBytes, tinkKeysetSchema, verifyingKeys, verifyTinkSignature } from "./tink";

const TYPE = "type.googleapis.com/google.crypto.tink.EcdsaPublicKey";
const body = Buffer.from('{"data":{"healthUserId":"1"}}');

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const jwk = publicKey.export({ format: "jwk" });
  return { privateKey, x: Buffer.from(jwk.x!, "base64url"), y: Buffer.from(jwk.y!, "base64url") };
}

/** EcdsaPublicKey with chosen params (hash, curve, encoding) and coordinates as given. */
function proto(x: Buffer, y: Buffer, params = [3, 2, 2]) {
  const field = (tag: number, bytes: Buffer) => Buffer.concat([Buffer.from([(tag << 3) | 2, bytes.length]), bytes]);
  return Buffer.concat([field(2, Buffer.from([0x08, params[0]!, 0x10, params[1]!, 0x18, params[2]!])), field(3, x), field(4, y)]);
}

function keyset(entries: { keyId: number; value: Buffer; prefix?: string; status?: string; type?: string }[]) {
  return tinkKeysetSchema.parse({
    primaryKeyId: entries[0]!.keyId,
    key: entries.map((e) => ({
      keyData: { typeUrl: e.type ?? TYPE, value: e.value.toString("base64"), keyMaterialType: "ASYMMETRIC_PUBLIC" },
      status: e.status ?? "ENABLED",
      keyId: e.keyId,
      outputPrefixType: e.prefix ?? "TINK",
    })),
  });
}

const prefixed = (version: number, keyId: number, signature: Buffer) => {
  const prefix = Buffer.alloc(5);
  prefix[0] = version;
  prefix.writeUInt32BE(keyId, 1);
  return Buffer.concat([prefix, signature]);
};

describe("Tink ECDSA P-256 verification", () => {
  it("TINK prefix + DER, with the leading zero bytes Tink's serializer writes", () => {
    const k = keyPair();
    const keys = verifyingKeys(keyset([{ keyId: 42, value: ecdsaPublicKeyProto(k.x, k.y) }]));
    const der = sign("sha256", body, { key: k.privateKey, dsaEncoding: "der" });
    expect(verifyTinkSignature(keys, body, prefixed(1, 42, der))).toBe(true);
    expect(verifyTinkSignature(keys, Buffer.from(`${body} `), prefixed(1, 42, der))).toBe(false);
    expect(verifyTinkSignature(keys, body, prefixed(1, 43, der))).toBe(false);
    expect(namesUnknownKey(keys, prefixed(1, 43, der))).toBe(true);
    expect(namesUnknownKey(keys, prefixed(1, 42, der))).toBe(false);
  });

  it("LEGACY prefix signs the body plus a zero byte; RAW has no prefix; IEEE P1363 encoding", () => {
    const [legacy, raw] = [keyPair(), keyPair()];
    const keys = verifyingKeys(
      keyset([
        { keyId: 7, value: proto(legacy.x, legacy.y), prefix: "LEGACY" },
        { keyId: 8, value: proto(raw.x, raw.y, [3, 2, 1]), prefix: "RAW" },
      ]),
    );
    const legacySig = sign("sha256", Buffer.concat([body, Buffer.from([0])]), { key: legacy.privateKey, dsaEncoding: "der" });
    expect(verifyTinkSignature(keys, body, prefixed(0, 7, legacySig))).toBe(true);
    const rawSig = sign("sha256", body, { key: raw.privateKey, dsaEncoding: "ieee-p1363" });
    expect(verifyTinkSignature(keys, body, rawSig)).toBe(true);
  });

  it("leaves out disabled keys, other key types, other curves or hashes, and malformed protos", () => {
    const k = keyPair();
    const entries = [
      { keyId: 1, value: proto(k.x, k.y), status: "DISABLED" },
      { keyId: 2, value: proto(k.x, k.y), type: "type.googleapis.com/google.crypto.tink.Ed25519PublicKey" },
      { keyId: 3, value: proto(k.x, k.y, [4, 2, 2]) }, // SHA-512
      { keyId: 4, value: proto(k.x, k.y, [3, 3, 2]) }, // P-384
      { keyId: 5, value: Buffer.from([0x12, 0x40, 1, 2]) }, // truncated
      { keyId: 6, value: proto(Buffer.alloc(40, 1), k.y) }, // coordinate too long
    ];
    expect(verifyingKeys(keyset(entries))).toEqual([]);
  });

  it("reads the header as standard or URL-safe base64 and refuses anything else", () => {
    expect(signatureBytes("AQID")).toEqual(Buffer.from([1, 2, 3]));
    expect(signatureBytes("-_8")).toEqual(Buffer.from([0xfb, 0xff]));
    for (const bad of [null, "", "%%%", "a b", "x".repeat(2000)]) expect(signatureBytes(bad)).toBeNull();
  });
});
