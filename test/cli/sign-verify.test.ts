import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cdxValidate } from "../support/cdx-validate.js";
import { runCli } from "../support/cli.js";
import { fixedEd25519, generateKeys, type KeyFiles } from "../support/jsf-keys.js";
import { lockFixture } from "../support/paths.js";

const LOCK = lockFixture("valid", "follows-chain.lock");
const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;
const noStackTrace = (s: string): void => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

let dir: string;
let fixed: KeyFiles;
let keys: KeyFiles[];
const key = (alg: string): KeyFiles => keys.find((k) => k.algorithm === alg)!;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "flake-audit-sign-"));
  fixed = fixedEd25519(dir);
  keys = generateKeys(dir);
});

const sign = (extra: string[], env = {}) =>
  // A fixed version: by default it is git describe of the repository holding the lock (this one's HEAD).
  runCli(["sbom", LOCK, "--reproducible", "--flake-version", "1.0.0", ...extra], {
    cwd: dir,
    env: { SOURCE_DATE_EPOCH: "0", ...env },
  });

describe("sbom --sign-key", () => {
  it("signs the JSON SBOM with Ed25519 deterministically (golden), the key's JWK in publicKey", async () => {
    const r = await sign(["--sign-key", fixed.privatePem]);
    expect(r.code).toBe(0);
    // Only the SBOM's own warnings (licences the local store could not answer), never the key.
    expect(r.stderr).not.toMatch(/PRIVATE|error/i);
    await expect(r.stdout).toMatchFileSnapshot("../golden/verify/signed.cdx.json");
    const bom = JSON.parse(r.stdout) as { signature: { algorithm: string; publicKey: object; value: string } };
    // RFC 8032's public key of the seed.
    expect(bom.signature.publicKey).toEqual({
      kty: "OKP",
      crv: "Ed25519",
      x: Buffer.from("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "hex").toString("base64url"),
    });
    expect((await sign(["--sign-key", fixed.privatePem])).stdout).toBe(r.stdout);
  });

  it.each(["1.4", "1.5", "1.6", "1.7"])(
    "a signed CycloneDX %s SBOM passes cdxgen's schema and deep checks",
    async (spec) => {
      const r = await sign(["--sign-key", key("ES384").privatePem, "--spec", spec]);
      const v = await cdxValidate(JSON.parse(r.stdout));
      expect([v.schemaValid, v.deepValid]).toEqual([true, true]);
    },
  );

  it.each(["ES256", "ES384", "ES512"])(
    "%s signatures differ per run; --reproducible says so on stderr",
    async (alg) => {
      const [a, b] = [await sign(["--sign-key", key(alg).privatePem]), await sign(["--sign-key", key(alg).privatePem])];
      expect(a.code).toBe(0);
      expect(a.stdout).not.toBe(b.stdout);
      expect(a.stderr).toContain(`warning: ${alg} (ECDSA) signatures differ on every run`);
      expect((JSON.parse(a.stdout) as { signature: { algorithm: string } }).signature.algorithm).toBe(alg);
    },
  );

  it("RSA signs RS512 unless --sign-algorithm (or FLAKE_AUDIT_SIGN_ALGORITHM) says otherwise; deterministic", async () => {
    const algOf = (s: string) => (JSON.parse(s) as { signature: { algorithm: string } }).signature.algorithm;
    const rsa = key("RS256").privatePem;
    expect(algOf((await sign(["--sign-key", rsa])).stdout)).toBe("RS512");
    const a = await sign(["--sign-key", rsa, "--sign-algorithm", "RS256"]);
    expect(algOf(a.stdout)).toBe("RS256");
    expect((await sign(["--sign-key", rsa, "--sign-algorithm", "RS256"])).stdout).toBe(a.stdout);
    expect(algOf((await sign([], { FLAKE_AUDIT_SIGN_KEY: rsa, FLAKE_AUDIT_SIGN_ALGORITHM: "PS384" })).stdout)).toBe(
      "PS384",
    );
  });

  it.each([
    ["--format xml", (k: string) => ["--sign-key", k, "--format", "xml"], /signs CycloneDX JSON only: JSF/],
    ["--format spdx-json", (k: string) => ["--sign-key", k, "--format", "spdx-json"], /--format spdx-json has none/],
    [
      "an algorithm the key cannot sign",
      (k: string) => ["--sign-key", k, "--sign-algorithm", "ES256"],
      /--sign-algorithm ES256 needs an EC P-256 key; .*fixed-ed25519\.pem is an OKP Ed25519 key/,
    ],
    ["--sign-algorithm alone", () => ["--sign-algorithm", "RS256"], /--sign-algorithm needs --sign-key/],
  ])("usage error (exit 2): %s", async (_name, args, message) => {
    const r = await sign(args(fixed.privatePem));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  const SECRET_LINE = /^[A-Za-z0-9+/=]{40,}$/m;
  it.each([
    ["a public key", () => fixed.publicPem, /holds a public key; signing needs the private key/],
    ["not a key", () => LOCK, /is not a PEM private key/],
    ["an encrypted key", () => encrypted(), /is an encrypted private key, and flake-audit asks for no passphrase/],
    [
      "an X25519 key (cannot sign)",
      () => x25519(),
      /is a key of a type JSF does not sign with \(X25519\); JSF signs with Ed25519, Ed448, EC/,
    ],
    ["a missing file", () => path.join(dir, "absent.pem"), /absent\.pem: no such file/],
  ])("an unusable key is exit 3 naming the file and what, never its bytes: %s", async (_name, file, message) => {
    const out = path.join(dir, "out.json");
    writeFileSync(out, "before\n");
    const r = await sign(["--sign-key", file(), "-o", out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(SECRET_LINE);
    expect(r.stderr).not.toContain("BEGIN");
    noStackTrace(r.stderr);
    expect(readFileSync(out, "utf8")).toBe("before\n");
  });

  function encrypted(): string {
    const p = path.join(dir, "encrypted.pem");
    const k = createPrivateKey(readFileSync(fixed.privatePem));
    writeFileSync(p, k.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }));
    return p;
  }
  function x25519(): string {
    const p = path.join(dir, "x25519.pem");
    writeFileSync(p, generateKeyPairSync("x25519").privateKey.export({ type: "pkcs8", format: "pem" }));
    return p;
  }

  it("writes the signed SBOM atomically with -o", async () => {
    const out = path.join(dir, "signed-o.json");
    const r = await sign(["--sign-key", fixed.privatePem, "-o", out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe((await sign(["--sign-key", fixed.privatePem])).stdout);
  });

  it("an SBOM that canonical JSON cannot encode (a lone surrogate from the lock) is exit 3, nothing written", async () => {
    const lock = path.join(dir, "surrogate.lock");
    writeFileSync(
      lock,
      readFileSync(lockFixture("valid", "github-inputs.lock"), "utf8").replace(
        '"repo": "libA"',
        '"repo": "lib\\ud800A"',
      ),
    );
    const out = path.join(dir, "surrogate.json");
    const r = await runCli(["sbom", lock, "--reproducible", "--sign-key", fixed.privatePem, "-o", out], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("cannot be signed: Lone surrogate is not allowed");
    expect(existsSync(out)).toBe(false);
  });

  it.runIf(hasOpenssl)("verify takes the signer's X.509 certificate as --key", async () => {
    const signed = path.join(dir, "for-cert.json");
    expect((await sign(["--sign-key", fixed.privatePem, "-o", signed])).code).toBe(0);
    const cert = path.join(dir, "signer.crt");
    const made = spawnSync("openssl", [
      "req",
      "-x509",
      "-key",
      fixed.privatePem,
      "-subj",
      "/CN=signer",
      "-days",
      "1",
      "-out",
      cert,
    ]);
    expect(made.status, String(made.stderr)).toBe(0);
    const r = await runCli(["verify", signed, "--key", cert], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^VALID: /);
  });
});
