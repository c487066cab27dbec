import { createPrivateKey, createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { FIXTURES, lockFixture, lockFixtures, REPO } from "../support/paths.js";
import { type Json, type Mutated, mutatedJson } from "./mutate.js";

/** The fuzz suite's cases: for each command, an arbitrary of mutated input files and the argv to run. */
export interface Case {
  readonly command: string;
  /** Input class of every mutated file, e.g. `lock:delete-key+unicode`. */
  readonly classes: readonly string[];
  readonly argv: (dir: string) => string[];
  readonly files: Readonly<Record<string, string>>;
  /** Cache entries: path under the cache root → text. */
  readonly cache?: Readonly<Record<string, string>>;
  readonly output?: string;
}

const readJson = (file: string): Json => JSON.parse(readFileSync(file, "utf8"));
const CLOSURE_DIR = path.join(FIXTURES, "closure");
const LOCKS = lockFixtures("valid").map((f) => readJson(lockFixture("valid", f)));
const APP_LOCK = readJson(path.join(CLOSURE_DIR, "app.flake.lock"));
const PATH_INFO = readJson(path.join(CLOSURE_DIR, "list-2.8", "app-closure.json"));
const DERIVATIONS = readJson(path.join(CLOSURE_DIR, "app.derivations.json"));
const TRACED = "/nix/store/10q2fdsdvdsr8nzvqs7vv5mjvf432hdg-source";
/** The signed golden SBOM and its signer's public key (test/support/jsf-keys.ts's fixed Ed25519 seed). */
const SIGNED_BOM = readJson(path.join(REPO, "test/golden/verify/signed.cdx.json"));
const SIGNER_PUB = createPublicKey(
  createPrivateKey({
    key: Buffer.from(
      "302e020100300506032b6570042204209d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
      "hex",
    ),
    format: "der",
    type: "pkcs8",
  }),
)
  .export({ type: "spki", format: "pem" })
  .toString();
const POLICY = {
  maxAgeDays: 60,
  rules: { stale: { severity: "high" } },
  allow: [{ rule: "stale", input: "x", reason: "r", expires: "2027-01-31" }],
};

/** Lock-specific hazards on top of the generic mutations: follows cycles and long follows chains. */
const lockHazard: fc.Arbitrary<Mutated> = fc.constantFrom(
  {
    kind: "follows-cycle",
    text: JSON.stringify({ nodes: { root: { inputs: { a: ["b"], b: ["a"] } } }, root: "root", version: 7 }),
  },
  {
    kind: "follows-chain",
    text: JSON.stringify({
      nodes: { root: { inputs: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`i${i}`, [`i${i + 1}`]])) } },
      root: "root",
      version: 7,
    }),
  },
);
const mutatedLock = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...LOCKS).chain(mutatedJson) },
  { weight: 1, arbitrary: lockHazard },
);
const mutatedPolicy: fc.Arbitrary<Mutated> = fc.oneof(
  mutatedJson(POLICY),
  fc.constant({ kind: "yaml-alias-bomb", text: yamlAliasBomb() }),
  fc.constant({ kind: "yaml-syntax", text: "maxAgeDays: [\n  - : :" }),
);

function yamlAliasBomb(): string {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );
  return `${lines.join("\n")}\nmaxAgeDays: 1\n`;
}

/** The cache keys `resolve` reads for github-inputs.lock's input (see adapters/github/provenance-source.ts). */
const REPO_KEY = "github.com/fixture-owner/liba";
const REV = "8253b94dd2b815a1b9910bc12f1ffc9b9c63d490";
const CACHE_ENTRY = {
  at: 1_704_164_645_000,
  value: {
    nameWithOwner: "fixture-owner/libA",
    archived: false,
    fork: false,
    url: "https://github.com/fixture-owner/libA",
  },
};
const mutatedCacheEntry: fc.Arbitrary<Mutated> = fc.oneof(
  mutatedJson(CACHE_ENTRY),
  fc.constant({ kind: "null-entry", text: "null" }),
  fc.constant({ kind: "null-value", text: JSON.stringify({ at: 1, value: null }) }),
);

const lockCase = (command: string, extra: string[], output?: string) =>
  mutatedLock.map(
    (lock): Case => ({
      command,
      classes: [`lock:${lock.kind}`],
      files: { "flake.lock": lock.text },
      argv: (d) => [
        command,
        path.join(d, "flake.lock"),
        ...extra,
        ...(output !== undefined ? ["-o", path.join(d, output)] : []),
      ],
      ...(output !== undefined ? { output } : {}),
    }),
  );

/** `-o` targets that cannot take a regular file: a directory, a missing directory, a full device. */
const specialOutput = fc.constantFrom(
  { kind: "directory", target: (d: string) => d },
  { kind: "missing-directory", target: (d: string) => path.join(d, "missing", "bom.json") },
  { kind: "dev-full", target: () => "/dev/full" },
);

export const COMMANDS: ReadonlyArray<readonly [string, fc.Arbitrary<Case>]> = [
  ["sbom", lockCase("sbom", ["--reproducible", "--offline"], "bom.json")],
  ["sbom --format xml", lockCase("sbom", ["--reproducible", "--offline", "--format", "xml"], "bom.xml")],
  [
    "sbom --format spdx-json",
    lockCase("sbom", ["--reproducible", "--offline", "--format", "spdx-json"], "bom.spdx.json"),
  ],
  [
    "sbom --format spdx-json --spec 3.0",
    lockCase("sbom", ["--reproducible", "--offline", "--format", "spdx-json", "--spec", "3.0"], "bom.spdx3.json"),
  ],
  ["resolve", lockCase("resolve", ["--offline", "--format", "json"])],
  [
    "sbom -o to a special file",
    specialOutput.map(
      (o): Case => ({
        command: "sbom",
        classes: [`output:${o.kind}`],
        files: { "flake.lock": JSON.stringify(LOCKS[0]) },
        argv: (d) => ["sbom", path.join(d, "flake.lock"), "--reproducible", "--offline", "-o", o.target(d)],
      }),
    ),
  ],
  [
    "check --policy",
    fc.tuple(mutatedLock, mutatedPolicy).map(
      ([lock, policy]): Case => ({
        command: "check",
        classes: [`lock:${lock.kind}`, `policy:${policy.kind}`],
        files: { "flake.lock": lock.text, "policy.yaml": policy.text },
        argv: (d) => [
          "check",
          path.join(d, "flake.lock"),
          "--lock-only",
          "--offline",
          "--now",
          "2026-01-01",
          "--policy",
          path.join(d, "policy.yaml"),
          "--format",
          "sarif",
          "-o",
          path.join(d, "out.sarif"),
        ],
        output: "out.sarif",
      }),
    ),
  ],
  [
    "diff",
    fc.tuple(mutatedLock, fc.constantFrom(...LOCKS)).map(
      ([lock, old]): Case => ({
        command: "diff",
        classes: [`lock:${lock.kind}`],
        files: { "old.lock": JSON.stringify(old), "new.lock": lock.text },
        argv: (d) => [
          "diff",
          path.join(d, "old.lock"),
          path.join(d, "new.lock"),
          "--lock-only",
          "--offline",
          "--now",
          "2026-01-01",
          "--format",
          "markdown",
          "-o",
          path.join(d, "diff.md"),
        ],
        output: "diff.md",
      }),
    ),
  ],
  [
    "trace",
    fc
      .tuple(
        fc.oneof(fc.constant({ kind: "valid", text: JSON.stringify(APP_LOCK) }), mutatedJson(APP_LOCK)),
        mutatedJson(PATH_INFO),
        mutatedJson(DERIVATIONS),
      )
      .map(
        ([lock, info, drvs]): Case => ({
          command: "trace",
          classes: [`lock:${lock.kind}`, `path-info:${info.kind}`, `derivations:${drvs.kind}`],
          files: { "flake.lock": lock.text, "closure.json": info.text, "drvs.json": drvs.text },
          argv: (d) => [
            "trace",
            TRACED,
            "--lock",
            path.join(d, "flake.lock"),
            "--closure",
            path.join(d, "closure.json"),
            "--derivations",
            path.join(d, "drvs.json"),
            "--offline",
            "--format",
            "markdown",
          ],
        }),
      ),
  ],
  [
    "verify",
    mutatedJson(SIGNED_BOM).map(
      (bom): Case => ({
        command: "verify",
        classes: [`sbom:${bom.kind}`],
        files: { "bom.json": bom.text, "signer.pub.pem": SIGNER_PUB },
        argv: (d) => [
          "verify",
          path.join(d, "bom.json"),
          "--key",
          path.join(d, "signer.pub.pem"),
          "--format",
          "json",
          "-o",
          path.join(d, "report.json"),
        ],
        output: "report.json",
      }),
    ),
  ],
  [
    "sbom --closure",
    fc.tuple(mutatedJson(PATH_INFO)).map(
      ([info]): Case => ({
        command: "sbom",
        classes: [`path-info:${info.kind}`],
        files: { "flake.lock": JSON.stringify(APP_LOCK), "closure.json": info.text },
        argv: (d) => [
          "sbom",
          path.join(d, "flake.lock"),
          "--closure",
          path.join(d, "closure.json"),
          "--reproducible",
          "--offline",
          "-o",
          path.join(d, "bom.json"),
        ],
        output: "bom.json",
      }),
    ),
  ],
  [
    "resolve from a mutated cache",
    fc.tuple(mutatedCacheEntry, mutatedCacheEntry).map(
      ([repo, commit]): Case => ({
        command: "resolve",
        classes: [`cache:${repo.kind}`, `cache:${commit.kind}`],
        files: { "flake.lock": JSON.stringify(LOCKS[lockFixtures("valid").indexOf("github-inputs.lock")]) },
        cache: { [`v1/repos/${REPO_KEY}.json`]: repo.text, [`v1/commits/${REPO_KEY}/${REV}.json`]: commit.text },
        argv: (d) => ["resolve", path.join(d, "flake.lock"), "--offline", "--format", "markdown"],
      }),
    ),
  ],
];
