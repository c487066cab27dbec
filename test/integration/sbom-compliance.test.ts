import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import spdx from "spdx-license-list/full.js";
import { beforeAll, describe, expect, it } from "vitest";
import { parseHash, toSri } from "../../src/domain/nix/hash.js";
import {
  type BinReport,
  CDX_VALIDATE_BIN as BIN,
  cdxValidateBin,
  failingControls,
  MINIMUM_ELEMENT_FLAGS,
  type Scorecard,
} from "../support/cdx-validate.js";
import { runCli } from "../support/cli.js";
import { generateKeys, type KeyFiles } from "../support/jsf-keys.js";
import { hasNix, NIX_ENV, nixVersion, reportNixSkip } from "../support/nix.js";

/**
 * Issue 20's goal, end to end: sources with licence files that the real nix added to a store, a lock
 * pointing at them, `sbom --store` with the minimum-element flags and `--sign-key`, and cdxgen's own
 * cdx-validate bin with `--public-key` as the judge: every automatable SCVS control and every CRA
 * minimum element passes. No network: the store is local and nothing is resolved.
 */
reportNixSkip("sbom compliance end to end");

const text = (id: string): string => spdx[id]?.licenseText ?? "";
const MIT = (holder: string): string =>
  `MIT License\n\nCopyright (c) 2024 ${holder}\n\n${text("MIT").split("\n").slice(3).join("\n")}`;

/** Three sources with a licence and a copyright line each: what a source must carry for SCVS-2.14/2.16. */
const SOURCES: Record<string, Record<string, string>> = {
  app: { LICENSE: MIT("Jane Doe"), "README.md": "# app" },
  server: {
    "LICENSE.txt": text("Apache-2.0"),
    NOTICE: "Example Server\nCopyright 2020-2024 Example Corp.\n",
  },
  lib: { "LICENSE.md": text("BSD-3-Clause").replace("<year> <owner>", "2019, The Regents") },
  // A registry copy (`nixpkgs` resolved to a store path): a path input, pinned by its narHash.
  registry: { COPYING: MIT("NixOS contributors") },
};

const FLAGS = [...MINIMUM_ELEMENT_FLAGS, "--lifecycle", "pre-build", "--flake-version", "1.0.0"];

/** cdx-validate's JSON report of one SBOM file, the signature required and checked with `publicKey`. */
const cdxValidate = (file: string, publicKey: string) =>
  cdxValidateBin(file, ["--public-key", publicKey, "--require-signature"]);
const card = (r: BinReport, id: string): Scorecard => {
  const c = r.benchmarks.find((b) => b.id === id);
  if (c === undefined) throw new Error(`no ${id} scorecard in cdx-validate's report`);
  return c;
};
const failing = (r: BinReport, id: string): string[] => failingControls([card(r, id)], id);

describe.runIf(hasNix && existsSync(BIN))(
  `a compliance-grade SBOM: cdx-validate passes every automatable SCVS and CRA control (${nixVersion ?? "absent"})`,
  () => {
    let dir: string;
    let lock: string;
    let storeUri: string;
    let key: KeyFiles;
    const sbom = async (extra: string[], env: Record<string, string> = {}) => {
      const r = await runCli(["sbom", lock, "--store", storeUri, ...FLAGS, "--sign-key", key.privatePem, ...extra], {
        cwd: dir,
        env: { XDG_CACHE_HOME: path.join(dir, "cache"), HOME: dir, ...env },
      });
      expect(r.code, r.stderr).toBe(0);
      return r;
    };
    const validate = (name: string, stdout: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, stdout);
      return cdxValidate(file, key.publicPem);
    };

    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), "fa-compliance-"));
      key = generateKeys(mkdtempSync(path.join(tmpdir(), "fa-compliance-keys-"))).find(
        (k) => k.algorithm === "Ed25519",
      )!;
      storeUri = `local?root=${path.join(dir, "root")}`;
      const sh = (args: string[]): string =>
        execFileSync("nix-store", ["--store", storeUri, ...args], {
          env: NIX_ENV,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        }).trim();
      const nodes: Record<string, unknown> = {};
      let n = 0;
      for (const [name, tree] of Object.entries(SOURCES)) {
        const src = path.join(dir, "trees", name, "source");
        mkdirSync(src, { recursive: true });
        for (const [file, content] of Object.entries(tree)) writeFileSync(path.join(src, file), content);
        const storePath = sh(["--add-fixed", "--recursive", "sha256", src]);
        const hash = parseHash(sh(["--query", "--hash", storePath]));
        if (!hash.ok) throw new Error(hash.error);
        n += 1;
        if (name === "registry") {
          const rev = `${n}`.repeat(40);
          nodes[name] = {
            locked: { type: "path", path: storePath, rev, lastModified: 1_700_000_000, narHash: toSri(hash.value) },
            original: { type: "indirect", id: "nixpkgs" },
          };
          continue;
        }
        nodes[name] = {
          locked: {
            type: "github",
            owner: "example",
            repo: name,
            rev: `${n}`.repeat(40),
            lastModified: 1_700_000_000 + n,
            narHash: toSri(hash.value),
          },
          original: { type: "github", owner: "example", repo: name },
        };
      }
      // app depends on lib (a transitive input), server on nothing: the graph has two levels.
      (nodes["app"] as { inputs?: object }).inputs = { lib: "lib" };
      nodes["root"] = { inputs: { app: "app", server: "server", nixpkgs: "registry" } };
      lock = path.join(dir, "flake.lock");
      writeFileSync(lock, JSON.stringify({ nodes, root: "root", version: 7 }));
    }, 120_000);

    it("the signed SBOM with the store and the minimum elements: SCVS 100%, no CRA failure, the signature verified", async () => {
      const r = await sbom([]);
      // The registry copy is identified by its content: a generic purl with the narHash as checksum.
      const bom = JSON.parse(r.stdout) as { components: Array<{ "bom-ref": string; purl?: string }> };
      expect(bom.components.find((c) => c["bom-ref"] === "input:nixpkgs")?.purl).toMatch(
        /^pkg:generic\/nixpkgs@4{40}\?checksum=sha256:[0-9a-f]{64}$/,
      );
      // Every source's licence was found: no licence warning, and nothing else to warn about.
      expect(r.stderr).toBe("");
      const v = validate("sbom.cdx.json", r.stdout);
      expect(v.report.signatureVerified, v.stderr).toBe(true);
      expect(failing(v.report, "scvs")).toEqual([]);
      expect(failing(v.report, "cra")).toEqual([]);
      expect(card(v.report, "scvs").scorePct).toBe(100);
      expect(card(v.report, "cra").scorePct).toBe(100);
      expect(v.status, v.stderr).toBe(0);
    }, 120_000);

    it("a tampered copy: cdx-validate's signature check fails it (exit 4)", async () => {
      const r = await sbom([]);
      const v = validate("tampered.cdx.json", r.stdout.replace('"Apache-2.0"', '"MIT"'));
      expect(v.report.signatureVerified).toBe(false);
      expect(v.status).toBe(4);
    }, 120_000);

    it("--reproducible without SOURCE_DATE_EPOCH gives up the serial number and the timestamp, by design", async () => {
      const r = await sbom(["--reproducible"]);
      const v = validate("reproducible.cdx.json", r.stdout);
      expect(v.report.signatureVerified).toBe(true);
      expect(failing(v.report, "scvs")).toEqual(["SCVS-2.3", "SCVS-2.7"]);
      expect(failing(v.report, "cra")).toEqual(["CRA-MIN-003", "CRA-MIN-005"]);
    }, 120_000);

    it("--reproducible with SOURCE_DATE_EPOCH keeps the timestamp: only the serial number is given up", async () => {
      const a = await sbom(["--reproducible"], { SOURCE_DATE_EPOCH: "1704164645" });
      const b = await sbom(["--reproducible"], { SOURCE_DATE_EPOCH: "1704164645" });
      // Ed25519 is deterministic: the signed bytes are the same on every run.
      expect(b.stdout).toBe(a.stdout);
      const v = validate("reproducible-epoch.cdx.json", a.stdout);
      expect(v.report.signatureVerified).toBe(true);
      expect(failing(v.report, "scvs")).toEqual(["SCVS-2.3"]);
      expect(failing(v.report, "cra")).toEqual(["CRA-MIN-003"]);
    }, 120_000);

    it("SPDX 2.3 and 3.0.1 of the same lock carry what the CycloneDX one does: licences, copyright, checksums, purls, supplier", async () => {
      const spdx = async (spec: string) => {
        const r = await runCli(
          ["sbom", lock, "--store", storeUri, ...FLAGS, "--format", "spdx-json", "--spec", spec, "--reproducible"],
          { cwd: dir },
        );
        expect(r.code, r.stderr).toBe(0);
        return JSON.parse(r.stdout);
      };
      const two = (await spdx("2.3")) as {
        creationInfo: { creators: string[] };
        packages: Array<{
          originator?: string;
          SPDXID: string;
          licenseDeclared: string;
          copyrightText: string;
          supplier: string;
          checksums?: unknown[];
          externalRefs?: Array<{ referenceType: string; referenceLocator: string }>;
        }>;
      };
      // The minimum elements: the flake's supplier and manufacturer with the contact, the author a creator.
      expect(two.packages.find((p) => p.SPDXID === "SPDXRef-Flake")).toMatchObject({
        supplier: "Organization: ACME Corp (security@acme.example)",
        originator: "Organization: ACME Corp (security@acme.example)",
        externalRefs: [
          { referenceCategory: "SECURITY", referenceType: "url", referenceLocator: "mailto:security@acme.example" },
        ],
      });
      expect(two.creationInfo.creators).toContain("Person: Jane Doe (jane@acme.example)");
      const inputs = two.packages.filter((p) => p.SPDXID !== "SPDXRef-Flake");
      expect(inputs.map((p) => [p.SPDXID, p.licenseDeclared, p.copyrightText, p.supplier])).toEqual([
        ["SPDXRef-Input-app", "MIT", "Copyright (c) 2024 Jane Doe", "Organization: example"],
        ["SPDXRef-InputX-app.2Flib", "BSD-3-Clause", "Copyright (c) 2019, The Regents.", "Organization: example"],
        // A path input names no publisher: no supplier is invented.
        ["SPDXRef-Input-nixpkgs", "MIT", "Copyright (c) 2024 NixOS contributors", "NOASSERTION"],
        ["SPDXRef-Input-server", "Apache-2.0", "Copyright 2020-2024 Example Corp.", "Organization: example"],
      ]);
      for (const p of inputs) {
        expect(p.checksums?.length, p.SPDXID).toBe(1);
        expect(p.externalRefs?.filter((x) => x.referenceType === "purl").length, p.SPDXID).toBe(1);
      }
      type El = Record<string, unknown> & { type: string; spdxId?: string };
      const graph = ((await spdx("3.0")) as { "@graph": El[] })["@graph"];
      const pkgs = graph.filter((e) => e.type === "software_Package" && !String(e.spdxId).endsWith("#SPDXRef-Flake"));
      expect(pkgs).toHaveLength(4);
      for (const p of pkgs) {
        const registry = String(p.spdxId).endsWith("#SPDXRef-Input-nixpkgs");
        expect(p["software_packageUrl"], String(p.spdxId)).toMatch(
          registry ? /^pkg:generic\/nixpkgs@4{40}\?checksum=sha256:/ : /^pkg:github\/example\//,
        );
        expect(p["software_copyrightText"], String(p.spdxId)).toMatch(/^Copyright/);
        if (!registry) expect(p["suppliedBy"], String(p.spdxId)).toMatch(/#SPDXRef-Supplier-example$/);
        expect(p["verifiedUsing"], String(p.spdxId)).toHaveLength(1);
        const declared = graph.find((e) => e["relationshipType"] === "hasDeclaredLicense" && e["from"] === p.spdxId);
        expect(declared?.["to"], String(p.spdxId)).toEqual([expect.stringMatching(/#SPDXRef-License-/)]);
      }
    }, 120_000);
  },
);
