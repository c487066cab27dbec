import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { outputJsonSchemas } from "../../src/render/json-schemas.js";
import { runCli } from "../support/cli.js";
import { fixedEd25519, generateKeys, type KeyFiles } from "../support/jsf-keys.js";
import { CDXGEN } from "../support/cdx-validate.js";
import { lockFixture } from "../support/paths.js";

const noStackTrace = (s: string): void => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);
type Bom = Record<string, unknown> & { components: Array<Record<string, unknown>>; signature?: unknown };

/** The BOM's signature object, as the signed golden has it. */
const sig = (b: Bom): Record<string, unknown> => b.signature as Record<string, unknown>;

let dir: string;
let keys: KeyFiles[];
let signed: string;
const key = (alg: string): KeyFiles => keys.find((k) => k.algorithm === alg)!;

/** A file in the test's directory, named relative to it (goldens show the names as given). */
const put = (name: string, content: string | object): string => {
  writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return name;
};
const verify = (file: string, pub = "signer.pub.pem", extra: string[] = [], stdin?: string) =>
  runCli(["verify", file, "--key", pub, ...extra], { cwd: dir, ...(stdin !== undefined ? { stdin } : {}) });
const edited = (f: (b: Bom) => void): Bom => {
  const b = JSON.parse(signed) as Bom;
  f(b);
  return b;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "flake-audit-verify-"));
  const fixed = fixedEd25519(dir);
  keys = generateKeys(dir);
  put("signer.pub.pem", readFileSync(fixed.publicPem, "utf8"));
  const lock = lockFixture("valid", "follows-chain.lock");
  // A fixed version: by default it is git describe of the repository holding the lock (this one's HEAD).
  signed = (
    await runCli(["sbom", lock, "--reproducible", "--flake-version", "1.0.0", "--sign-key", fixed.privatePem], {
      cwd: dir,
    })
  ).stdout;
  put("signed.cdx.json", signed);
});

describe("flake-audit verify", () => {
  it("a valid signature: exit 0, text and JSON goldens, the JSON valid against its schema", async () => {
    const text = await verify("signed.cdx.json");
    expect(text.code).toBe(0);
    expect(text.stderr).toBe("");
    await expect(text.stdout).toMatchFileSnapshot("../golden/verify/valid.txt");
    const json = await verify("signed.cdx.json", "signer.pub.pem", ["--format", "json"]);
    expect(json.code).toBe(0);
    await expect(json.stdout).toMatchFileSnapshot("../golden/verify/valid.json");
    const schema = outputJsonSchemas()["verify-report.v1.schema.json"]!;
    const validate = new Ajv2020.default({ strict: false }).compile(schema);
    expect(validate(JSON.parse(json.stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("reads the SBOM from stdin (-) and writes the report with -o", async () => {
    const r = await verify("-", "signer.pub.pem", ["--format", "json", "-o", "report.json"], signed);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8"))).toMatchObject({ verdict: "valid" });
  });

  it.each([
    [
      "tampered",
      (b: Bom) => {
        b.components[0]!["name"] = "evil";
      },
      "mismatch",
      "tampered.txt",
    ],
    [
      "a changed signature value",
      (b: Bom) => {
        sig(b)["value"] = `A${String(sig(b)["value"]).slice(1)}`;
      },
      "mismatch",
      undefined,
    ],
    ["no signature", (b: Bom) => void delete b["signature"], undefined, "unsigned.txt"],
    [
      "another publicKey in the signature",
      (b: Bom) => {
        sig(b)["publicKey"] = { kty: "OKP", crv: "Ed25519", x: "AAAA" };
      },
      "public-key-differs",
      undefined,
    ],
    [
      "an unknown algorithm",
      (b: Bom) => {
        sig(b)["algorithm"] = "HS256";
      },
      "unsupported-algorithm",
      undefined,
    ],
    [
      "a value that is not a string",
      (b: Bom) => {
        sig(b)["value"] = 5;
      },
      "malformed",
      undefined,
    ],
    [
      "signers that is not an array",
      (b: Bom) => {
        b["signature"] = { signers: "x" };
      },
      "malformed",
      undefined,
    ],
    [
      "a signature that is an array",
      (b: Bom) => {
        b["signature"] = [];
      },
      "malformed",
      undefined,
    ],
    [
      "a lone surrogate in a name",
      (b: Bom) => {
        b.components[0]!["name"] = "\ud800";
      },
      "not-canonicalizable",
      undefined,
    ],
  ])("exit 1 for %s, saying why", async (name, edit, verdict, golden) => {
    const file = put(`${name.replace(/\W+/g, "-")}.cdx.json`, edited(edit));
    const r = await verify(file, "signer.pub.pem", ["--format", "json"]);
    expect(r.code).toBe(1);
    noStackTrace(r.stderr);
    const report = JSON.parse(r.stdout) as { verdict: string; signatures: Array<{ verdict: string }> };
    expect(report.verdict).toBe(verdict === undefined ? "unsigned" : "invalid");
    if (verdict !== undefined) expect(report.signatures[0]?.verdict).toBe(verdict);
    if (golden !== undefined)
      await expect((await verify(file)).stdout).toMatchFileSnapshot(`../golden/verify/${golden}`);
  });

  it("strings from the SBOM reach the terminal without escapes or bidi controls; JSON keeps them exactly", async () => {
    // keyId is outside what cdxgen's form signs, so the signature still verifies with it changed.
    const hostile = "\u001b]8;;https://evil.example\u0007k\u202eid\nVALID: forged";
    const file = put(
      "hostile.cdx.json",
      edited((b) => {
        sig(b)["keyId"] = hostile;
      }),
    );
    const text = await verify(file);
    expect(text.code).toBe(0);
    for (const c of ["\u001b", "\u0007", "\u202e"]) expect(text.stdout).not.toContain(c);
    expect(text.stdout.split("\n").filter((l) => l.startsWith("VALID"))).toHaveLength(1);
    const json = JSON.parse((await verify(file, "signer.pub.pem", ["--format", "json"])).stdout) as {
      signatures: Array<{ keyId?: string }>;
    };
    expect(json.signatures[0]?.keyId).toBe(hostile);
  });

  it("exit 1 when the algorithm needs another key than the one given (ES256 key for an Ed25519 signature)", async () => {
    const r = await verify("signed.cdx.json", key("ES256").publicPem);
    expect(r.code).toBe(1);
    expect(r.stdout.replace(/\s+/g, " ")).toContain("Ed25519 needs an OKP Ed25519 key; the key given is EC P-256");
  });

  const deep = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
  it.each([
    ["a missing SBOM", () => "absent.json", "signer.pub.pem", /absent\.json: no such file/],
    ["a missing key", () => "signed.cdx.json", "absent.pem", /absent\.pem: no such file/],
    ["a key that is not PEM", () => "signed.cdx.json", "signed.cdx.json", /is not a PEM public key/],
    [
      "a private key as --key",
      () => "signed.cdx.json",
      "fixed-ed25519.pem",
      /holds a private key; verify takes the public key/,
    ],
    ["not JSON", () => put("broken.json", "{ nope"), "signer.pub.pem", /invalid JSON/],
    ["nesting 100,000 deep", () => put("deep.json", deep), "signer.pub.pem", /nests deeper than 512/],
    ["a JSON array", () => put("array.json", "[1,2]"), "signer.pub.pem", /not a CycloneDX JSON SBOM/],
    [
      "bomFormat of the wrong type",
      () => put("wrong.json", { bomFormat: 7, signature: {} }),
      "signer.pub.pem",
      /\/bomFormat: not a CycloneDX JSON SBOM/,
    ],
    ["over 500 MiB (sparse)", () => huge(), "signer.pub.pem", /more than the 524288000 flake-audit reads/],
  ])("exit 3 for %s, a located message and no stack trace", async (_n, file, pub, message) => {
    const r = await verify(file(), pub);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    // No key bytes: the base64 of an Ed25519 SPKI or PKCS#8 key starts so; nor the SBOM's content.
    expect(r.stderr).not.toMatch(/MCowBQYDK2VwAyEA|MC4CAQAwBQYDK2VwBCIEI|"specVersion"/);
    noStackTrace(r.stderr);
  });

  function huge(): string {
    const name = put("huge.json", "");
    truncateSync(path.join(dir, name), 501 * 1024 * 1024);
    return name;
  }

  it("wrong types where signatures are looked for are not a crash: components of numbers, services as a string", async () => {
    const b = edited((x) => {
      x["services"] = "x";
      x["annotations"] = [5, null, []];
    });
    // The BOM's signature covers these members, so the edit is a mismatch, not a crash.
    const r = await verify(put("types.cdx.json", b));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("does not verify with the key");
  });

  it("exit 2 without --key", async () => {
    const r = await runCli(["verify", "signed.cdx.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--key PUB.pem");
  });
});

const BOM_SIGNER = path.join(CDXGEN, "lib/helpers/bomSigner.js");
describe.skipIf(!existsSync(BOM_SIGNER))("JSF signers and chain, as cdxgen's signBom writes them", () => {
  it.each(["signers", "chain"])("%s: valid with the key of any signer, invalid with a third key", async (mode) => {
    const { signBom } = (await import(pathToFileURL(BOM_SIGNER).href)) as {
      signBom(bom: object, o: object): object;
    };
    const lock = lockFixture("valid", "github-inputs.lock");
    const bom = JSON.parse((await runCli(["sbom", lock, "--reproducible"])).stdout) as object;
    const as = (k: KeyFiles, m: string) => ({
      privateKey: readFileSync(k.privatePem, "utf8"),
      algorithm: k.algorithm,
      mode: m,
      signComponents: false,
    });
    const twice = signBom(signBom(bom, as(key("Ed25519"), "replace")), as(key("ES256"), mode));
    const file = put(`${mode}.cdx.json`, twice);
    expect((JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Bom).signature).toHaveProperty(mode);
    for (const alg of ["Ed25519", "ES256"]) expect((await verify(file, key(alg).publicPem)).code, alg).toBe(0);
    const third = await verify(file, key("RS256").publicPem, ["--format", "json"]);
    expect(third.code).toBe(1);
    const report = JSON.parse(third.stdout) as { signatures: Array<{ pointer: string; verdict: string }> };
    expect(report.signatures.map((c) => [c.pointer, c.verdict])).toEqual([
      [`/signature/${mode}/0`, "algorithm-key-mismatch"],
      [`/signature/${mode}/1`, "algorithm-key-mismatch"],
    ]);
  });
});
