import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

/** One RS256 signing key per emulator run, published as a JWKS. */
export class SigningKey {
  readonly kid: string;
  private readonly privateKey: KeyObject;
  readonly publicJwk: Record<string, unknown>;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    this.kid = createHash("sha256").update(String(jwk.n)).digest("base64url").slice(0, 16);
    this.publicJwk = { ...jwk, kid: this.kid, use: "sig", alg: "RS256" };
  }

  /** A compact JWS (RFC 7515) over the claims. */
  signJwt(claims: Record<string, unknown>): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const input = `${encode({ alg: "RS256", typ: "JWT", kid: this.kid })}.${encode(claims)}`;
    return `${input}.${sign("RSA-SHA256", Buffer.from(input), this.privateKey).toString("base64url")}`;
  }
}
