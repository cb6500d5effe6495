/**
 * How the emulated Google Health API signs webhook notifications: ECDSA over NIST P-256 with
 * SHA-256, in Tink's wire format (reference §5, §8: `X-HEALTHAPI-SIGNATURE`). A Tink signature
 * is a 5-byte output prefix — version byte 0x01 ("TINK") and the signing key's 4-byte id, big
 * endian — followed by the DER-encoded signature; the header carries it in base64. The public
 * keys are published as a Tink JSON keyset whose `keyData.value` is a serialized
 * `google.crypto.tink.EcdsaPublicKey` protobuf. UNCONFIRMED: the header's base64 alphabet
 * (standard here) and that Google's keyset uses the TINK prefix type (Tink's default).
 */
import { generateKeyPairSync, randomInt, sign, type KeyObject } from "node:crypto";

export const ECDSA_PUBLIC_KEY_TYPE_URL = "type.googleapis.com/google.crypto.tink.EcdsaPublicKey";
const TINK_PREFIX_VERSION = 0x01;

interface SigningKey {
  keyId: number;
  privateKey: KeyObject;
  x: Buffer;
  y: Buffer;
}

/** A protobuf length-delimited field (wire type 2). Lengths here are always < 128. */
function field(tag: number, bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from([(tag << 3) | 2, bytes.length]), bytes]);
}

/** `EcdsaPublicKey { params { hash_type: SHA256, curve: NIST_P256, encoding: DER }, x, y }`.
 * x and y carry a leading zero byte, as Tink's Java serializer writes them (two's complement). */
export function ecdsaPublicKeyProto(x: Buffer, y: Buffer): Buffer {
  const params = Buffer.from([0x08, 3, 0x10, 2, 0x18, 2]);
  const unsigned = (n: Buffer) => Buffer.concat([Buffer.from([0]), n]);
  return Buffer.concat([field(2, params), field(3, unsigned(x)), field(4, unsigned(y))]);
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const jwk = publicKey.export({ format: "jwk" });
  return {
    keyId: randomInt(1, 2 ** 31 - 1),
    privateKey,
    x: Buffer.from(jwk.x!, "base64url"),
    y: Buffer.from(jwk.y!, "base64url"),
  };
}

/** The emulator's webhook signing keys: one primary, older ones still published after a rotation. */
export class WebhookSigner {
  private keys: SigningKey[] = [newKey()];

  /** Base64 Tink signature of `body` under the primary key. */
  sign(body: string): string {
    const key = this.keys[0]!;
    const prefix = Buffer.alloc(5);
    prefix[0] = TINK_PREFIX_VERSION;
    prefix.writeUInt32BE(key.keyId, 1);
    const der = sign("sha256", Buffer.from(body, "utf8"), { key: key.privateKey, dsaEncoding: "der" });
    return Buffer.concat([prefix, der]).toString("base64");
  }

  /** A new primary key; the old ones stay in the keyset (verifiers that cached it must refetch). */
  rotate(): number {
    this.keys = [newKey(), ...this.keys].slice(0, 3);
    return this.keys[0]!.keyId;
  }

  primaryKeyId(): number {
    return this.keys[0]!.keyId;
  }

  /** The public keyset in Tink's JSON keyset format. */
  keyset() {
    return {
      primaryKeyId: this.keys[0]!.keyId,
      key: this.keys.map((k) => ({
        keyData: {
          typeUrl: ECDSA_PUBLIC_KEY_TYPE_URL,
          value: ecdsaPublicKeyProto(k.x, k.y).toString("base64"),
          keyMaterialType: "ASYMMETRIC_PUBLIC",
        },
        status: "ENABLED",
        keyId: k.keyId,
        outputPrefixType: "TINK",
      })),
    };
  }
}
