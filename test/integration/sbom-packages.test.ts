import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { hasNix, nixVersion, reportNixSkip } from "../support/nix.js";
import { buildPackageWorld, type PackageWorld } from "../support/package-world.js";
import { validateBom } from "../support/sbom.js";
import { cdxValidate, finding } from "../support/cdx-validate.js";

reportNixSkip("sbom packages");

interface Component {
  name: string;
  version?: string;
  "bom-ref": string;
  purl?: string;
  cpe?: string;
  scope?: string;
  licenses?: Array<{ license?: { id?: string; name?: string }; expression?: string }>;
  externalReferences?: Array<{ type: string; url: string; hashes?: Array<{ alg: string; content: string }> }>;
  properties?: Array<{ name: string; value: string }>;
  pedigree?: {
    ancestors?: Component[];
    patches?: Array<{ type: string; diff?: { url: string }; resolves?: Array<{ id: string }> }>;
  };
}
interface Bom {
  components: Component[];
}

const prop = (c: Component, name: string): string[] =>
  (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value);

describe.runIf(hasNix)(
  `sbom identifies the packages of a closure the real nix built (${nixVersion ?? "absent"})`,
  () => {
    let world: PackageWorld;
    let bom: Bom;
    let stderr: string;
    const byRef = (ref: string): Component => bom.components.find((c) => c["bom-ref"] === ref)!;
    const out = (attr: string, output?: string): string =>
      world.meta[attr]!.outputs[output ?? world.meta[attr]!.outputName]!;
    beforeAll(async () => {
      world = buildPackageWorld(mkdtempSync(path.join(tmpdir(), "flake-audit-sbompkg-")));
      const { closure, derivations, meta } = world.files;
      const r = await runCli(
        ["sbom", "--closure", closure, "--derivations", derivations, "--meta", meta, "--reproducible"],
        { env: world.env, cwd: world.dir },
      );
      expect(r.code, r.stderr).toBe(0);
      bom = JSON.parse(r.stdout) as Bom;
      stderr = r.stderr;
    }, 300_000);

    it("names each runtime output by pname/version and output, with its derivation", () => {
      const req = byRef(out("requests"));
      expect([req.name, req.version]).toEqual(["requests", "2.31.0"]);
      const bin = byRef(out("openssl", "bin"));
      expect([bin.name, bin.version, prop(bin, "flake-audit:output")]).toEqual(["openssl", "3.0.14", ["bin"]]);
      expect(prop(bin, "nix:narinfo:deriver")).toEqual([world.drvOf(out("openssl", "bin"))]);
    });

    it("puts the upstream source in pedigree.ancestors with its URLs, resolved mirrors and hashes", () => {
      const hello = byRef(out("hello"));
      const [src] = hello.pedigree!.ancestors!;
      expect(prop(src!, "nix:fod:url")).toEqual(["mirror://gnu/hello/hello-2.12.1.tar.gz"]);
      const fod = Object.values(world.derivations).find((d) => d.env["name"] === "hello-2.12.1.tar.gz")!;
      const hex = fod.outputs["out"]!.hash!;
      expect(src!.externalReferences).toEqual([
        {
          url: "https://ftp.gnu.org/pub/gnu/hello/hello-2.12.1.tar.gz",
          type: "distribution",
          hashes: [{ alg: "SHA-256", content: hex }],
        },
        {
          url: "https://ftpmirror.gnu.org/hello/hello-2.12.1.tar.gz",
          type: "distribution",
          hashes: [{ alg: "SHA-256", content: hex }],
        },
      ]);
      const tool = byRef(out("tool")).pedigree!.ancestors![0]!;
      expect(tool.externalReferences).toEqual([{ url: "https://github.com/acme/tool.git", type: "vcs" }]);
      expect(prop(tool, "nix:fod:rev")).toEqual(["4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b"]);
    });

    it("gives each package a purl a scanner matches, from meta or the upstream source", () => {
      expect(byRef(out("openssl", "out")).purl).toBe("pkg:github/openssl/openssl@openssl-3.0.14");
      expect(byRef(out("requests")).purl).toMatch(/^pkg:pypi\/requests@2\.31\.0/);
      expect(byRef(out("ripgrep")).purl).toMatch(/^pkg:cargo\/ripgrep@14\.1\.0/);
      expect(byRef(out("left-pad")).purl).toMatch(/^pkg:npm\/left-pad@1\.3\.0/);
      expect(byRef(out("tool")).purl).toBe("pkg:github/acme/tool@4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b");
    });

    it("lists patches: fetched from the upstream repository as backports resolving their CVE, local ones by store path", () => {
      const ssl = byRef(out("openssl", "out"));
      expect(ssl.pedigree!.patches).toEqual([
        {
          type: "backport",
          diff: { url: "https://github.com/openssl/openssl/commit/cf6f91f6121f4db167405db2f0de410a456f260c.patch" },
          resolves: [
            {
              type: "security",
              id: "CVE-2024-5535",
              source: { name: "NVD", url: "https://nvd.nist.gov/vuln/detail/CVE-2024-5535" },
            },
          ],
        },
        { type: "unofficial" },
      ]);
      const patches = world.derivations[world.drvOf(out("openssl", "out"))]!.env["patches"]!.split(" ");
      expect(prop(ssl, "flake-audit:patch").map((v) => v.split(" ")[1])).toEqual(patches);
    });

    it("writes licences as SPDX ids, an AND expression for a list, names for unfree and id-less ones", () => {
      expect(byRef(out("hello")).licenses).toEqual([{ license: { id: "GPL-3.0-or-later" } }]);
      expect(byRef(out("ripgrep")).licenses).toEqual([{ expression: "Unlicense AND MIT" }]);
      expect(byRef(out("tool")).licenses).toEqual([{ license: { name: "Unfree" } }]);
      expect(byRef(out("localapp")).licenses).toEqual([{ license: { name: "Acme Permissive Licence" } }]);
      expect(byRef(out("hello")).cpe).toBe("cpe:2.3:a:gnu:hello:2.12.1:*:*:*:*:*:*:*");
      expect(byRef(out("hello")).externalReferences).toEqual([
        { url: "https://www.gnu.org/software/hello/", type: "website" },
      ]);
    });

    it("says when a package has no licence: a property, and one stderr line with the count", () => {
      expect(prop(byRef(out("mystery")), "flake-audit:license_status")).toEqual([
        "none: nixpkgs meta declares no licence",
      ]);
      expect(stderr).toMatch(/2 of \d+ packages have no licence: 1 declare none in nixpkgs meta, 1 have no meta/);
    });

    it.each(["1.4", "1.5", "1.6", "1.7"] as const)("is valid CycloneDX %s, JSON and XML", async (spec) => {
      const { closure, derivations, meta } = world.files;
      for (const format of ["json", "xml"] as const) {
        const r = await runCli(
          ["sbom", "--closure", closure, "--derivations", derivations, "--meta", meta, "--buildtime"].concat([
            "--reproducible",
            "--spec",
            spec,
            "--format",
            format,
          ]),
          { env: world.env, cwd: world.dir },
        );
        expect(r.code, r.stderr).toBe(0);
        expect(await validateBom(r.stdout, spec, format)).toBeNull();
        if (format === "xml") expect(r.stdout).toContain("<pedigree>");
      }
    });

    it("cdx-validate (cdxgen) accepts it, schema and deep checks, with --buildtime too", async () => {
      const { closure, derivations, meta } = world.files;
      for (const extra of [[], ["--buildtime"]]) {
        const args = ["sbom", "--closure", closure, "--derivations", derivations, "--meta", meta, ...extra];
        const r = await runCli([...args, "--reproducible"], { env: world.env, cwd: world.dir });
        const v = await cdxValidate(JSON.parse(r.stdout));
        expect({ schema: v.schemaValid, deep: v.deepValid, fails: v.fails }).toEqual({
          schema: true,
          deep: true,
          fails: false,
        });
        // SCVS licence controls: only what has no licence in meta (none declared, no meta) or a
        // licence without SPDX id fails them; build-time sources (scope excluded) are not counted.
        const refs = (id: string) => (finding(v, id)?.locations ?? []).map((l) => l.bomRef).sort();
        expect(refs("SCVS-2.14")).toEqual([out("mystery"), world.system].sort());
        expect(refs("SCVS-2.15")).toEqual([out("localapp")]);
        expect(finding(v, "SCVS-5.12")?.status).toBe("pass");
      }
    }, 120_000);

    it("the SCVS licence controls pass for a closure whose packages all have meta licences", async () => {
      const closure = path.join(world.dir, "openssl-bin.closure.json");
      writeFileSync(closure, world.sh("nix", ["path-info", "--json", "-r", out("openssl", "bin")]));
      const { derivations, meta } = world.files;
      const r = await runCli(
        ["sbom", "--closure", closure, "--derivations", derivations, "--meta", meta, "--reproducible"],
        { env: world.env, cwd: world.dir },
      );
      expect(r.code, r.stderr).toBe(0);
      const v = await cdxValidate(JSON.parse(r.stdout));
      expect(v.fails).toBe(false);
      for (const id of ["SCVS-2.14", "SCVS-2.15", "SCVS-5.12"]) expect(finding(v, id)?.status, id).toBe("pass");
      expect(r.stderr).not.toContain("no licence");
    }, 120_000);

    it("--closure-of asks the installed nix for the derivations too (show-derivation -r after --)", async () => {
      const r = await runCli(["sbom", "--closure-of", world.system, "--meta", world.files.meta, "--reproducible"], {
        env: world.env,
        cwd: world.dir,
      });
      expect(r.code, r.stderr).toBe(0);
      const viaNix = JSON.parse(r.stdout) as Bom;
      const ssl = viaNix.components.find((c) => c["bom-ref"] === out("openssl", "bin"))!;
      expect([ssl.name, ssl.version]).toEqual(["openssl", "3.0.14"]);
      expect(ssl.pedigree?.ancestors?.[0]?.purl).toMatch(/^pkg:github\/openssl\/openssl@openssl-3\.0\.14/);
      // The same packages as from the files the commands wrote.
      const names = (b: Bom) => b.components.map((c) => `${c["bom-ref"]} ${c.name} ${c.version ?? ""}`).sort();
      expect(names(viaNix)).toEqual(names(bom));
    }, 120_000);

    it("meta of another nixpkgs is a warning with counts, not a crash", async () => {
      const { closure, derivations, otherMeta } = world.files;
      const r = await runCli(
        ["sbom", "--closure", closure, "--derivations", derivations, "--meta", otherMeta, "--reproducible"],
        { env: world.env, cwd: world.dir },
      );
      expect(r.code, r.stderr).toBe(0);
      // Only hello changed version in the other set: its output path and the system's have no meta.
      expect(r.stderr).toMatch(/2 packages have no entry in --meta/);
      const hello = (JSON.parse(r.stdout) as Bom).components.find((c) => c["bom-ref"] === out("hello"))!;
      expect(prop(hello, "flake-audit:license_status")).toEqual([
        "unknown: no nixpkgs meta names this path (pass --meta)",
      ]);
    });

    it("a malformed meta file exits 3 with its position", async () => {
      const bad = path.join(world.dir, "bad-meta.json");
      writeFileSync(bad, '{"hello": {"name": "hello", "outputs": 3}');
      const { closure, derivations } = world.files;
      const r = await runCli(["sbom", "--closure", closure, "--derivations", derivations, "--meta", bad], {
        env: world.env,
        cwd: world.dir,
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain("bad-meta.json");
    });
  },
);
