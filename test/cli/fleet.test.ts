import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { REPO } from "../support/paths.js";
import { TRUSTED, writeReportScenario } from "../support/fleet/scenario.js";
import { validateBom } from "../support/sbom.js";

describe("fleet --reports (no nix needed)", () => {
  let dir: string;
  let fleetFile: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-cli-"));
    fleetFile = writeReportScenario(dir).fleetFile;
  });
  const fleet = (...args: string[]) => runCli(["fleet", ...args], { cwd: dir });

  it.each(["text", "markdown", "json"])("renders %s (golden)", async (format) => {
    const r = await fleet(fleetFile, "--reports", "reports", "--format", format);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const ext = format === "markdown" ? "md" : format === "json" ? "json" : "txt";
    await expect(r.stdout).toMatchFileSnapshot(`../golden/fleet/reports.${ext}`);
  });

  it("JSON conforms to schemas/fleet-report.v1.schema.json, counts add up, findings per kind", async () => {
    const r = await fleet(fleetFile, "--reports", "reports", "--format", "json");
    const doc = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(path.join(REPO, "schemas/fleet-report.v1.schema.json"), "utf8"));
    const validate = new Ajv2020.default({ strict: false }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    for (const h of doc.hosts.filter((x: { status: string }) => x.status === "ok"))
      expect(Object.values(h.signatures.counts).reduce((a: number, b) => a + (b as number), 0)).toBe(h.paths);
    const kinds = doc.findings.map((f: { host: string; kind: string }) => `${f.host} ${f.kind}`);
    expect(kinds).toEqual([
      "web-2 drift",
      "web-2 stale-nixpkgs",
      "web-2 unsigned-paths",
      "web-3 host-unreachable",
      "web-4 untrusted-paths",
      "web-4 invalid-signature",
    ]);
    expect(doc.groups).toEqual([
      expect.objectContaining({ hosts: ["canary", "web-1", "web-4"], approved: true }),
      expect.objectContaining({ hosts: ["web-2"], approved: false }),
    ]);
  });

  it("a report of another version is a gap with its file position; the run is partial", async () => {
    const r = await fleet("--reports", "reports", "--format", "json", "--fail-on", "none");
    const web3 = JSON.parse(r.stdout).hosts.find((h: { name: string }) => h.name === "web-3");
    expect(web3.reason).toMatch(/^reports\/web-3\.json:1:\d+ \/schemaVersion: host report version 2 is not supported/);
    expect(r.code).toBe(4);
  });

  it("exit 0 when every host is read and nothing reaches --fail-on", async () => {
    const r = await fleet("--reports", "reports", "--fail-on", "none");
    expect(r.code).toBe(4);
    writeFileSync(
      path.join(dir, "one.yaml"),
      `trustedKeys: ["${TRUSTED.publicKey}"]\nhosts:\n  - name: web-1\n    report: reports/web-1.json\n`,
    );
    expect((await fleet("one.yaml")).code).toBe(0);
  });
});

describe("fleet file errors: exit 3 with file positions", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-bad-"));
  });
  const check = async (yaml: string) => {
    writeFileSync(path.join(dir, "fleet.yaml"), yaml);
    return runCli(["fleet", "fleet.yaml"], { cwd: dir });
  };

  it("malformed trusted key, duplicate host names, a store URI nix does not read", async () => {
    const r = await check(
      [
        "trustedKeys:",
        "  - cache.example.org-1:not-base64",
        "hosts:",
        "  - name: web-1",
        "    store: ssh-ng://deploy@web-1",
        "  - name: web-1",
        "    store: ftp://web-1",
        "  - name: web-3",
        "    store: https://cache.example.org",
        "",
      ].join("\n"),
    );
    expect(r.code).toBe(3);
    await expect(r.stderr).toMatchFileSnapshot("../golden/fleet/bad-fleet-file.txt");
    expect(r.stderr).toContain("fleet.yaml:2:5");
    expect(r.stderr).toContain("duplicate host name 'web-1'");
    expect(r.stderr).toContain("fleet.yaml:7:12");
  });

  it("an ssh destination that ssh would read as an option is rejected before anything runs", async () => {
    const r = await check("hosts:\n  - name: evil\n    store: ssh-ng://-oProxyCommand=nc\n");
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("fleet.yaml:3:12: /hosts/0/store");
  });

  it("YAML syntax errors and unknown keys say where", async () => {
    const r = await check("hosts:\n  - name: [unclosed\n");
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/fleet\.yaml:\d+:\d+/);
    const unknown = await check("hosts:\n  - name: a\n    store: daemon\n    stor: typo\n");
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain("stor");
  });

  it("no fleet file and no reports is a usage error", async () => {
    expect((await runCli(["fleet"], { cwd: dir })).code).toBe(2);
  });
});

describe("fleet --sbom-dir", () => {
  it("writes one CycloneDX SBOM per host read: its closure, the lock inputs in it, host metadata", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-sbom-"));
    const { fleetFile, systems } = writeReportScenario(dir);
    const r = await runCli(["fleet", fleetFile, "--reports", "reports", "--sbom-dir", "sboms", "--fail-on", "none"], {
      cwd: dir,
    });
    expect(r.stderr).toBe("");
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(path.join(dir, "sboms")).sort()).toEqual(
      ["canary", "web-1", "web-2", "web-4"].map((h) => `${h}.cdx.json`),
    );
    const text = readFileSync(path.join(dir, "sboms", "web-2.cdx.json"), "utf8");
    expect(await validateBom(text, "1.6", "json")).toBeNull();
    const bom = JSON.parse(text);
    expect(bom.metadata.properties).toEqual(
      expect.arrayContaining([
        { name: "flake-audit:host", value: "web-2" },
        { name: "flake-audit:host:system", value: systems.b },
        { name: "flake-audit:host:approved", value: "false" },
      ]),
    );
    const names = JSON.stringify(bom.components);
    expect(names).toContain(systems.b);
    // web-2 runs the old nixpkgs: the approved lock's nixpkgs is not in its closure, so not in its SBOM as an input.
    expect(bom.components.some((c: { "bom-ref": string }) => c["bom-ref"] === "input:nixpkgs")).toBe(false);
    const web1 = JSON.parse(readFileSync(path.join(dir, "sboms", "web-1.cdx.json"), "utf8"));
    expect(web1.components.some((c: { "bom-ref": string }) => c["bom-ref"] === "input:nixpkgs")).toBe(true);
  });
});
