import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { CDXGEN } from "../support/cdx-validate.js";
import { generateKeys, type KeyFiles } from "../support/jsf-keys.js";
import { lockFixture, REPO } from "../support/paths.js";

/**
 * cdxgen as the oracle of JSF signatures, both ways: its `cdx-verify` must accept what `sbom
 * --sign-key` signs (every algorithm) and reject a tampered copy; `verify` must accept what its
 * `cdx-sign` signs (it signs every component too) and reject tampered copies; `cdx-validate
 * --public-key` must verify the signature and pass SCVS-2.4. The bins take ~1 s of CPU each, so
 * they run a few at a time.
 */
const BIN = (name: string) => path.join(REPO, "node_modules/.bin", name);
const available = existsSync(BIN("cdx-verify")) && existsSync(BIN("cdx-sign"));

interface Ran {
  readonly code: number;
  readonly out: string;
}
const bin = (name: string, args: string[]): Promise<Ran> =>
  new Promise((resolve) => {
    execFile(BIN(name), args, { timeout: 120_000, maxBuffer: 64 << 20 }, (e, stdout, stderr) => {
      const code = e === null ? 0 : typeof e.code === "number" ? e.code : -1;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });

/** Runs the jobs at most `n` at a time, results in order. */
async function limited<T>(jobs: Array<() => Promise<T>>, n = 4): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) results[i] = await jobs[i]!();
  };
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}

type Bom = { components: Array<Record<string, unknown>>; signature?: unknown };
const tamper = (text: string): string => {
  const b = JSON.parse(text) as Bom;
  b.components[0]!["version"] = "tampered";
  return JSON.stringify(b, null, 2);
};

const TAMPERED = new Set(["Ed25519", "ES384", "RS256", "PS512"]);

let dir: string;
let keys: KeyFiles[];
let unsigned: string;
const LOCK = lockFixture("valid", "github-inputs.lock");
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "flake-audit-cdxgen-sig-"));
  keys = generateKeys(dir);
  unsigned = file("unsigned.cdx.json", (await runCli(["sbom", LOCK, "--reproducible"])).stdout);
});

describe.skipIf(!available)("cdxgen's cdx-verify accepts what sbom --sign-key signs", () => {
  it("every algorithm; a tampered copy is rejected", { timeout: 600_000 }, async () => {
    const signed = await Promise.all(
      keys.map(async (k) => {
        const r = await runCli([
          "sbom",
          LOCK,
          "--reproducible",
          "--sign-key",
          k.privatePem,
          "--sign-algorithm",
          k.algorithm,
        ]);
        expect(r.code, `${k.algorithm}: ${r.stderr}`).toBe(0);
        return {
          k,
          good: file(`ours-${k.algorithm}.json`, r.stdout),
          bad: file(`ours-${k.algorithm}-tampered.json`, tamper(r.stdout)),
        };
      }),
    );
    const verdicts = await limited(
      signed.flatMap(({ k, good, bad }) => {
        const run = (which: "signed" | "tampered", f: string) => async () =>
          [k.algorithm, which, await bin("cdx-verify", ["-i", f, "--public-key", k.publicPem])] as const;
        // Tampering is caught before the algorithm matters: one of each verification path (EdDSA, ECDSA, PKCS#1, PSS).
        return [run("signed", good), ...(TAMPERED.has(k.algorithm) ? [run("tampered", bad)] : [])];
      }),
    );
    expect(verdicts.filter(([, which]) => which === "tampered")).toHaveLength(TAMPERED.size);
    for (const [alg, which, r] of verdicts) {
      if (which === "signed") {
        expect(r.code, `${alg}: ${r.out}`).toBe(0);
        expect(r.out).toContain(`Signature is valid! (Matched Algorithm: '${alg}')`);
      } else {
        expect(r.code, `${alg} tampered: ${r.out}`).toBe(1);
        expect(r.out).toContain("BOM signature is invalid!");
      }
    }
  });

  it("cdx-validate --public-key verifies the signature and passes SCVS-2.4 (and fails it on a tampered copy)", {
    timeout: 300_000,
  }, async () => {
    const k = keys.find((x) => x.algorithm === "Ed25519")!;
    const r = await runCli(["sbom", LOCK, "--reproducible", "--sign-key", k.privatePem]);
    const good = file("validate.json", r.stdout);
    const bad = file("validate-tampered.json", tamper(r.stdout));
    const args = (f: string) => [
      "-i",
      f,
      "--public-key",
      k.publicPem,
      "--report",
      "json",
      "--include-pass",
      "--require-signature",
    ];
    const [ok, tampered] = await limited([() => bin("cdx-validate", args(good)), () => bin("cdx-validate", args(bad))]);
    const report = (out: string) =>
      JSON.parse(out.slice(out.indexOf("{"), out.lastIndexOf("}") + 1)) as {
        signatureVerified: boolean;
        findings: Array<{ ruleId: string; status: string; message: string }>;
      };
    const scvs24 = (out: string) => report(out).findings.find((f) => f.ruleId === "SCVS-2.4");
    expect(report(ok!.out).signatureVerified).toBe(true);
    expect(scvs24(ok!.out)).toMatchObject({ status: "pass", message: "BOM is signed (Ed25519)." });
    // --require-signature: exit 4 when the signature does not verify.
    expect(tampered!.code).toBe(4);
    expect(report(tampered!.out).signatureVerified).toBe(false);
  });
});

describe.skipIf(!available)("verify accepts what cdxgen's cdx-sign signs", () => {
  it("every algorithm, the BOM and each component signed; tampered copies are rejected", {
    timeout: 600_000,
  }, async () => {
    const signed = await limited(
      keys.map((k) => async () => {
        const out = path.join(dir, `theirs-${k.algorithm}.json`);
        const r = await bin("cdx-sign", ["-i", unsigned, "-o", out, "-k", k.privatePem, "-a", k.algorithm]);
        expect(r.code, `${k.algorithm}: ${r.out}`).toBe(0);
        return { k, text: readFileSync(out, "utf8"), out };
      }),
    );
    for (const { k, text, out } of signed) {
      const ok = await runCli(["verify", out, "--key", k.publicPem, "--format", "json"]);
      expect(ok.code, `${k.algorithm}: ${ok.stdout}${ok.stderr}`).toBe(0);
      const report = JSON.parse(ok.stdout) as {
        verdict: string;
        signatures: Array<{ verdict: string; algorithm: string }>;
      };
      const components = (JSON.parse(text) as Bom).components.length;
      expect(report.signatures).toHaveLength(1 + components);
      expect(report.signatures.every((s) => s.verdict === "valid" && s.algorithm === k.algorithm)).toBe(true);
      const bad = await runCli([
        "verify",
        file(`theirs-${k.algorithm}-tampered.json`, tamper(text)),
        "--key",
        k.publicPem,
      ]);
      expect(bad.code, k.algorithm).toBe(1);
      expect(bad.stdout).toMatch(/^INVALID: the SBOM's signature: does not verify/);
    }
  });

  it("a component signature that does not verify under a valid BOM signature is invalid (as cdx-verify --deep)", {
    timeout: 300_000,
  }, async () => {
    const k = keys.find((x) => x.algorithm === "ES256")!;
    const out = path.join(dir, "nested.json");
    expect((await bin("cdx-sign", ["-i", unsigned, "-o", out, "-k", k.privatePem, "-a", "ES256"])).code).toBe(0);
    // Swap two components' signatures, then sign the BOM again (cdxgen's own signer, root only).
    const b = JSON.parse(readFileSync(out, "utf8")) as Bom & Record<string, unknown>;
    const [c0, c1] = b.components;
    [c0!["signature"], c1!["signature"]] = [c1!["signature"], c0!["signature"]];
    const signer = (await import(pathToFileURL(path.join(CDXGEN, "lib/helpers/bomSigner.js")).href)) as {
      signBom(bom: object, o: object): object;
    };
    const privateKey = readFileSync(k.privatePem, "utf8");
    const resigned = file(
      "nested-resigned.json",
      JSON.stringify(signer.signBom(b, { privateKey, algorithm: "ES256", signComponents: false })),
    );
    const ours = await runCli(["verify", resigned, "--key", k.publicPem]);
    expect(ours.code).toBe(1);
    expect(ours.stdout).toMatch(/^INVALID: the SBOM's signature verifies, but 2 of its \d+ nested signatures do not/);
    const theirs = await bin("cdx-verify", ["-i", resigned, "--public-key", k.publicPem]);
    expect(theirs.code).toBe(1);
    expect(theirs.out).toContain("One or more nested signatures are invalid!");
  });
});
