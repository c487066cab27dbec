import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A key pair as PEM files in a temp dir, and the JSF algorithm it is tested with. */
export interface KeyFiles {
  readonly algorithm: string;
  readonly privatePem: string;
  readonly publicPem: string;
}

const pems = (dir: string, name: string, privateKey: KeyObject): { privatePem: string; publicPem: string } => {
  const privatePem = path.join(dir, `${name}.pem`);
  const publicPem = path.join(dir, `${name}.pub.pem`);
  writeFileSync(privatePem, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  writeFileSync(publicPem, createPublicKey(privateKey).export({ type: "spki", format: "pem" }));
  return { privatePem, publicPem };
};

/** Every JSF algorithm with a freshly generated key (node:crypto); RSA keys of 2048 bits, shared by RS* and PS*. */
export function generateKeys(dir = mkdtempSync(path.join(tmpdir(), "flake-audit-keys-"))): KeyFiles[] {
  const ed25519 = pems(dir, "ed25519", generateKeyPairSync("ed25519").privateKey);
  const ed448 = pems(dir, "ed448", generateKeyPairSync("ed448").privateKey);
  const ec = (curve: string) => pems(dir, curve, generateKeyPairSync("ec", { namedCurve: curve }).privateKey);
  const rsa = pems(dir, "rsa", generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey);
  return [
    { algorithm: "Ed25519", ...ed25519 },
    { algorithm: "Ed448", ...ed448 },
    { algorithm: "ES256", ...ec("P-256") },
    { algorithm: "ES384", ...ec("P-384") },
    { algorithm: "ES512", ...ec("P-521") },
    ...["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"].map((algorithm) => ({ algorithm, ...rsa })),
  ];
}

/**
 * An Ed25519 key from a fixed seed (RFC 8032's first test vector), so a signed SBOM is a golden file:
 * Ed25519 signatures are deterministic. PKCS#8 is a fixed DER prefix and the 32-byte seed.
 */
export function fixedEd25519(dir: string): KeyFiles {
  const seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  const der = Buffer.from(`302e020100300506032b657004220420${seed}`, "hex");
  return {
    algorithm: "Ed25519",
    ...pems(dir, "fixed-ed25519", createPrivateKey({ key: der, format: "der", type: "pkcs8" })),
  };
}
