import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import {
  CDX_VALIDATE_BIN as BIN,
  CDXGEN,
  cdxValidateBin,
  failingControls,
  MINIMUM_ELEMENT_FLAGS,
  type Scorecard,
} from "../support/cdx-validate.js";
import { fixedEd25519 } from "../support/jsf-keys.js";
import { CORPUS, hasCorpus, REPO } from "../support/paths.js";

/**
 * Issue 20, minimum elements: SBOMs written with the minimum-element flags pass every CRA
 * minimum-element control of cdxgen's cdx-validate, and the SCVS controls that still fail are only
 * those other parts of issue 20 own. Tighten OWNED_ELSEWHERE as those parts land.
 */
const OWNED_ELSEWHERE = {
  // licences and copyright are read from the sources in a store (sbom --store): these locks' sources
  // are not in this machine's store; test/integration/sbom-compliance.test.ts puts some there (100%)
  "SCVS-2.14": "components have licence information",
  "SCVS-2.16": "components have copyright statements",
  "SCVS-5.12": "automated licence identification (half the components)",
  "CRA-MIN-007": "licence information",
} as const;
// --reproducible leaves the serial number out (and the timestamp, without SOURCE_DATE_EPOCH) by design.
const REPRODUCIBLE_BY_DESIGN = ["SCVS-2.3", "CRA-MIN-003"];

// Signed (SCVS-2.4) with a key made for the run; test/integration/sbom-compliance.test.ts verifies it.
const FLAGS = [
  "--sign-key",
  fixedEd25519(mkdtempSync(path.join(tmpdir(), "fa-minimum-key-"))).privatePem,
  ...MINIMUM_ELEMENT_FLAGS,
];
const failing = failingControls;

/** The cdx-validate bin's scorecards of one SBOM file. */
function validateWithBin(file: string): readonly Scorecard[] {
  const r = cdxValidateBin(file);
  expect(r.status === 0 || r.status === 3, r.stderr).toBe(true);
  return r.report.benchmarks;
}

/** The same functions the bin calls, in process (the bin costs seconds per file). */
async function validateInProcess(bom: unknown): Promise<readonly Scorecard[]> {
  const v = await import(pathToFileURL(path.join(CDXGEN, "lib/validator/index.js")).href);
  return v.validateBomAdvanced(bom, { includeManual: false }).benchmarks;
}

function expectOnlyOwnedElsewhere(cards: readonly Scorecard[], byDesign: readonly string[] = []): void {
  const allowed = new Set<string>([...Object.keys(OWNED_ELSEWHERE), ...byDesign]);
  expect(failing(cards, "cra").filter((id) => !allowed.has(id))).toEqual([]);
  expect(failing(cards, "scvs").filter((id) => !allowed.has(id))).toEqual([]);
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], { cwd, stdio: "pipe" });

const SYNTHETIC_LOCK = {
  nodes: {
    gh: {
      locked: {
        lastModified: 1704164645,
        narHash: "sha256-dhRgf37PzKNSnNP0cg3JuP/8N+Kg0KgXvBMuZGRHJTo=",
        owner: "NixOS",
        repo: "nixpkgs",
        rev: "8253b94dd2b815a1b9910bc12f1ffc9b9c63d490",
        type: "github",
      },
      original: { owner: "NixOS", repo: "nixpkgs", type: "github" },
    },
    gl: {
      locked: {
        lastModified: 1714164645,
        narHash: "sha256-dhRgf37PzKNSnNP0cg3JuP/8N+Kg0KgXvBMuZGRHJTo=",
        owner: "group",
        repo: "tool",
        rev: "1253b94dd2b815a1b9910bc12f1ffc9b9c63d490",
        type: "gitlab",
      },
      original: { owner: "group", repo: "tool", type: "gitlab" },
    },
    srht: {
      locked: {
        lastModified: 1704164645,
        narHash: "sha256-dhRgf37PzKNSnNP0cg3JuP/8N+Kg0KgXvBMuZGRHJTo=",
        owner: "~someone",
        repo: "lib",
        rev: "2253b94dd2b815a1b9910bc12f1ffc9b9c63d490",
        type: "sourcehut",
      },
      original: { owner: "~someone", repo: "lib", type: "sourcehut" },
    },
    cb: {
      locked: {
        lastModified: 1704164645,
        narHash: "sha256-dhRgf37PzKNSnNP0cg3JuP/8N+Kg0KgXvBMuZGRHJTo=",
        rev: "3253b94dd2b815a1b9910bc12f1ffc9b9c63d490",
        type: "git",
        url: "https://codeberg.org/owner/repo.git",
      },
      original: { type: "git", url: "https://codeberg.org/owner/repo.git" },
    },
    root: { inputs: { gh: "gh", gl: "gl", srht: "srht", cb: "cb" } },
  },
  root: "root",
  version: 7,
};

/** A flake repository with the synthetic lock committed and tagged. */
function flakeRepository(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-minimum-"));
  writeFileSync(path.join(dir, "flake.lock"), `${JSON.stringify(SYNTHETIC_LOCK, null, 2)}\n`);
  git(dir, "init", "-q");
  git(dir, "add", "flake.lock");
  git(dir, "commit", "-qm", "lock");
  git(dir, "tag", "v1.2.3");
  return dir;
}

interface Bom {
  serialNumber?: string;
  metadata: {
    lifecycles?: Array<{ phase: string }>;
    component: {
      version?: string;
      externalReferences?: Array<{ type: string; url: string }>;
      properties?: Array<{ name: string; value: string }>;
    };
    manufacture?: { name: string; url?: string[]; contact?: Array<{ email: string }> };
    supplier?: { name: string };
    authors?: Array<{ name: string; email?: string }>;
    properties?: Array<{ name: string; value: string }>;
  };
  components: Array<{
    "bom-ref": string;
    supplier?: { name: string; url?: string[] };
    purl?: string;
    version?: string;
    hashes?: unknown[];
  }>;
}

async function sbom(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Bom> {
  const r = await runCli(["sbom", ...args], { cwd, env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe.skipIf(!existsSync(BIN))("minimum elements: cdx-validate's CRA and SCVS scorecards", () => {
  it("a synthetic flake in a tagged git repository: version from git describe, a supplier per forge input, no CRA minimum-element failure (the bin)", async () => {
    const dir = flakeRepository();
    const bom = await sbom(["flake.lock", ...FLAGS], dir);
    expect(bom.metadata.component.version).toBe("v1.2.3");
    expect(bom.metadata.component.properties).toContainEqual({
      name: "flake-audit:flake_version_source",
      value: "git",
    });
    expect(bom.metadata.manufacture).toEqual({
      name: "ACME Corp",
      url: ["https://acme.example"],
      contact: [{ email: "security@acme.example" }],
    });
    expect(bom.metadata.supplier?.name).toBe("ACME Corp");
    expect(bom.metadata.authors).toEqual([{ name: "Jane Doe", email: "jane@acme.example" }]);
    expect(bom.metadata.lifecycles).toEqual([{ phase: "pre-build" }]);
    expect(bom.metadata.component.externalReferences).toEqual([
      { type: "security-contact", url: "mailto:security@acme.example" },
    ]);
    const suppliers = Object.fromEntries(bom.components.map((c) => [c["bom-ref"], c.supplier]));
    expect(suppliers).toEqual({
      "input:cb": { name: "owner", url: ["https://codeberg.org/owner"] },
      "input:gh": { name: "NixOS", url: ["https://github.com/NixOS"] },
      "input:gl": { name: "group", url: ["https://gitlab.com/group"] },
      "input:srht": { name: "~someone", url: ["https://git.sr.ht/~someone"] },
    });
    const file = path.join(dir, "sbom.cdx.json");
    writeFileSync(file, JSON.stringify(bom));
    const cards = validateWithBin(file);
    expectOnlyOwnedElsewhere(cards);
    for (const id of ["CRA-MIN-001", "CRA-MIN-002", "CRA-MIN-003", "CRA-MIN-005", "CRA-MIN-008"])
      expect(failing(cards, "cra")).not.toContain(id);
    expect(failing(cards, "scvs")).not.toContain("SCVS-2.11");
  }, 120_000);

  it("without the flags: the manufacturer controls fail (what the flags are for), and the version still passes", async () => {
    const dir = flakeRepository();
    const cards = await validateInProcess(await sbom(["flake.lock"], dir));
    expect(failing(cards, "cra")).toEqual(expect.arrayContaining(["CRA-MIN-001", "CRA-MIN-002"]));
    expect(failing(cards, "scvs")).not.toContain("SCVS-2.11");
  }, 60_000);

  it("--reproducible: only the serial number's controls fail beyond the others' (SOURCE_DATE_EPOCH keeps the timestamp)", async () => {
    const dir = flakeRepository();
    const bom = await sbom(["flake.lock", "--reproducible", ...FLAGS], dir, { SOURCE_DATE_EPOCH: "1704164645" });
    expect(bom.serialNumber).toBeUndefined();
    expectOnlyOwnedElsewhere(await validateInProcess(bom), REPRODUCIBLE_BY_DESIGN);
  }, 60_000);

  it("--spec 1.4: lifecycle and a URL contact become properties, and still no CRA minimum-element failure", async () => {
    const dir = flakeRepository();
    const args = [
      "flake.lock",
      "--spec",
      "1.4",
      ...FLAGS.slice(0, 6),
      "--vulnerability-contact",
      "https://acme.example/security",
    ];
    const bom = await sbom(args, dir);
    expect(bom.metadata.lifecycles).toBeUndefined();
    expect(bom.metadata.properties).toContainEqual({ name: "flake-audit:lifecycle", value: "pre-build" });
    expect(bom.metadata.component.properties).toContainEqual({
      name: "flake-audit:vulnerability_contact",
      value: "https://acme.example/security",
    });
    expectOnlyOwnedElsewhere(await validateInProcess(bom));
  }, 60_000);
});

const CORPUS_LOCKS = [
  "DeterminateSystems__flake-checker__5cc66d1e8dae.flake.lock", // FlakeHub tarballs
  "Mic92__dotfiles__0973786f8bdf.flake.lock", // git inputs
  "Misterio77__nix-config__758782752e7a.flake.lock", // gitlab / sourcehut
  "NixOS__nix__1205b41849ea.flake.lock",
  "nix-community__home-manager__08283c7415b3.flake.lock",
  "hyprwm__Hyprland__0251f09fd150.flake.lock",
  "NotAShelf__nyx__14a69a9a72b1.flake.lock", // a registry copy: path:/nix/store/…-source with a narHash
];

describe.skipIf(!hasCorpus || !existsSync(BIN))("minimum elements over corpus locks (../shared/corpus)", () => {
  it.each(CORPUS_LOCKS)(
    "%s: no CRA minimum-element failure, SCVS failures only the other parts'",
    async (file) => {
      const lock = path.join(CORPUS, "locks", file);
      const bom = await sbom([lock, ...FLAGS], REPO);
      expect(bom.metadata.component.version).toMatch(/^\d{4}-\d\d-\d\d$|^[\x21-\x7e]+$/);
      expectOnlyOwnedElsewhere(await validateInProcess(bom));
      const reproducible = await sbom([lock, "--reproducible", ...FLAGS], REPO, { SOURCE_DATE_EPOCH: "0" });
      expectOnlyOwnedElsewhere(await validateInProcess(reproducible), REPRODUCIBLE_BY_DESIGN);
    },
    60_000,
  );
});

describe.skipIf(!hasCorpus || !existsSync(BIN))("relative path inputs (../shared/corpus)", () => {
  it("nixvim's dev flake (`path:../..`): a purl, so CRA-MIN-006 and SCVS-1.7/1.10/2.13 pass; no version or hash of its own, so SCVS-1.1/2.18/3.18 fail", async () => {
    const lock = path.join(CORPUS, "locks", "nix-community__nixvim__860304dd630b__flake_dev.flake.lock");
    const bom = await sbom([lock, ...FLAGS], REPO);
    const nixvim = bom.components.find((c) => c["bom-ref"] === "input:nixvim");
    expect([nixvim?.purl, nixvim?.version, nixvim?.hashes]).toEqual(["pkg:generic/nixvim", undefined, undefined]);
    // What such an input cannot have is not invented: these fail by design, and nothing else does.
    expectOnlyOwnedElsewhere(await validateInProcess(bom), ["SCVS-1.1", "SCVS-2.18", "SCVS-3.18"]);
    expect(failing(await validateInProcess(bom), "scvs")).toEqual(
      expect.arrayContaining(["SCVS-1.1", "SCVS-2.18", "SCVS-3.18"]),
    );
  }, 60_000);
});

describe.runIf(!hasCorpus)("minimum elements over corpus locks", () => {
  it("is skipped: ../shared/corpus is not present next to this checkout", () => {
    console.warn("SKIPPED: minimum-elements corpus test needs ../shared/corpus (not present)");
  });
});
