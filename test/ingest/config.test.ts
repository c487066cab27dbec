import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/ingest/config/config.js";
import { runCli } from "../support/cli.js";
import { lockFixture } from "../support/paths.js";

const YAML = `sbom:
  manufacturer:
    name: ACME Corp
    url: https://acme.example
  supplier: { name: ACME Distribution, url: [https://dist.acme.example] }
  vulnerabilityContact: https://acme.example/security
  flakeVersion: 2.0.0
  authors:
    - name: Jane Doe
      email: jane@acme.example
  lifecycle: build
`;

describe("--config FILE: the sbom: section", () => {
  it("reads every key, YAML or JSON", () => {
    const yaml = parseConfig(YAML, "c.yaml");
    expect(yaml).toEqual({
      ok: true,
      value: {
        sbom: {
          manufacturer: { name: "ACME Corp", urls: ["https://acme.example"] },
          supplier: { name: "ACME Distribution", urls: ["https://dist.acme.example"] },
          vulnerabilityContact: { kind: "url", url: "https://acme.example/security" },
          flakeVersion: { version: "2.0.0", source: "option" },
          authors: [{ name: "Jane Doe", email: "jane@acme.example" }],
          lifecycle: "build",
        },
      },
    });
    const json = parseConfig(JSON.stringify({ sbom: { vulnerabilityContact: "security@acme.example" } }), "c.json");
    expect(json.ok && json.value.sbom.vulnerabilityContact).toEqual({ kind: "email", email: "security@acme.example" });
  });

  it.each([
    [
      "an unknown key, at its line:column",
      "sbom:\n  manufacturer: { name: A }\n  maker: B\n",
      'unknown key "maker"',
      3,
      3,
    ],
    ["an unknown section", "sbom: {}\npolicy: {}\n", 'unknown key "policy"', 2, 1],
    [
      "a URL that is not http(s)",
      "sbom:\n  manufacturer:\n    name: A\n    url: javascript:alert(1)\n",
      "http(s) URL",
      4,
      10,
    ],
    [
      "a contact that is neither",
      "sbom:\n  vulnerabilityContact: call us\n",
      "e-mail address or an http(s) URL",
      2,
      25,
    ],
    ["a lifecycle CycloneDX does not name", "sbom:\n  lifecycle: someday\n", "", 2, 14],
  ])("refuses %s", (_what, text, message, line, column) => {
    const r = parseConfig(text, "c.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error[0]?.message).toContain(message);
    expect(r.error[0]?.position).toEqual({ line, column });
  });

  it("the CLI: the file's values, each flag overriding its key; a bad file is exit 3 with file:line:column", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fa-config-"));
    const config = path.join(dir, "flake-audit.yaml");
    writeFileSync(config, YAML);
    const lock = lockFixture("valid", "github-inputs.lock");
    const r = await runCli([
      "sbom",
      lock,
      "--config",
      config,
      "--manufacturer",
      "Flag Corp",
      "--lifecycle",
      "post-build",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout).metadata;
    expect(m.manufacture).toEqual({ name: "Flag Corp", url: ["https://acme.example"] });
    expect(m.supplier).toEqual({ name: "ACME Distribution", url: ["https://dist.acme.example"] });
    expect(m.lifecycles).toEqual([{ phase: "post-build" }]);
    expect(m.component.version).toBe("2.0.0");
    expect(m.component.externalReferences).toEqual([
      { type: "security-contact", url: "https://acme.example/security" },
    ]);
    // The env twin of --config counts as the flag.
    const twin = await runCli(["sbom", lock], { env: { FLAKE_AUDIT_CONFIG: config } });
    expect(JSON.parse(twin.stdout).metadata.manufacture.name).toBe("ACME Corp");
    writeFileSync(config, "sbom:\n  manufacturer:\n    nam: A\n");
    const bad = await runCli(["sbom", lock, "--config", config]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/flake-audit\.yaml:3:5/);
    expect(bad.stderr).toContain('unknown key "nam"');
  });

  it.each([
    ["--manufacturer-url", "ftp://acme.example", "--manufacturer-url must be an http(s) URL"],
    ["--vulnerability-contact", "nobody", "--vulnerability-contact must be an e-mail address or an http(s) URL"],
    ["--author", "Jane <not-an-address>", "--author must be 'NAME' or 'NAME <EMAIL>'"],
    ["--flake-version", "1.0 beta", "--flake-version must be a version without spaces"],
  ])("a bad %s is a usage error (exit 2)", async (flag, value, message) => {
    const r = await runCli(["sbom", lockFixture("valid", "github-inputs.lock"), "--manufacturer", "A", flag, value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
