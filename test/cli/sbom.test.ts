import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
  mkdirSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { REPO, lockFixture, lockFixtures } from "../support/paths.js";

const tmp = (): string => mkdtempSync(path.join(tmpdir(), "flake-audit-cli-"));
const noStackTrace = (s: string): void => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("flake-audit sbom", () => {
  it("writes an SBOM of the repository's own flake.lock to stdout, and one line on stderr: no licence known", async () => {
    // An empty directory as the store: whether this machine's /nix/store holds nixpkgs does not matter.
    const store = mkdtempSync(path.join(tmpdir(), "fa-empty-store-"));
    const r = await runCli(["sbom", "flake.lock", "--reproducible", "--store", store], { cwd: REPO });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `warning: could not learn: the licence of 1 of 1 locked source: 1 not in the local store ${store} (nix flake archive puts them there), 1 not resolved (--resolve) (each component's flake-audit:license_status says why)\n`,
    );
    const bom = JSON.parse(r.stdout) as {
      specVersion: string;
      serialNumber?: string;
      components: Array<{ name: string }>;
    };
    expect(bom.specVersion).toBe("1.6");
    expect(bom.serialNumber).toBeUndefined();
    expect(bom.components.map((c) => c.name)).toEqual(["nixpkgs"]);
  });

  it("reads ./flake.lock by default", async () => {
    const r = await runCli(["sbom", "--reproducible"], { cwd: REPO });
    expect(r.code).toBe(0);
  });

  it("adds a serial number and the injected clock unless reproducible", async () => {
    const r = await runCli(["sbom"], { cwd: REPO });
    const bom = JSON.parse(r.stdout) as { serialNumber: string; metadata: { timestamp: string } };
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(bom.metadata.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("takes the timestamp from SOURCE_DATE_EPOCH in reproducible mode", async () => {
    const r = await runCli(["sbom", "--reproducible"], { cwd: REPO, env: { SOURCE_DATE_EPOCH: "1704164645" } });
    expect((JSON.parse(r.stdout) as { metadata: { timestamp: string } }).metadata.timestamp).toBe(
      "2024-01-02T03:04:05.000Z",
    );
    const again = await runCli(["sbom", "--reproducible"], { cwd: REPO, env: { SOURCE_DATE_EPOCH: "1704164645" } });
    expect(again.stdout).toBe(r.stdout);
  });

  it("rejects a malformed SOURCE_DATE_EPOCH as a usage error", async () => {
    const r = await runCli(["sbom", "--reproducible"], { cwd: REPO, env: { SOURCE_DATE_EPOCH: "yesterday" } });
    expect(r.code).toBe(2);
  });

  it("honours --spec, --format and their FLAKE_AUDIT_* twins", async () => {
    const xml = await runCli(["sbom", "--reproducible", "--format", "xml", "--spec", "1.5"], { cwd: REPO });
    expect(xml.stdout).toContain('xmlns="http://cyclonedx.org/schema/bom/1.5"');
    const env = await runCli(["sbom", "--reproducible"], { cwd: REPO, env: { FLAKE_AUDIT_SPEC: "1.4" } });
    expect((JSON.parse(env.stdout) as { specVersion: string }).specVersion).toBe("1.4");
  });

  it("reads the lock from stdin with -", async () => {
    const r = await runCli(["sbom", "-", "--reproducible", "--name", "piped"], {
      stdin: readFileSync(lockFixture("valid", "follows-chain.lock"), "utf8"),
      cwd: tmp(),
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { components: unknown[] }).components).toHaveLength(2);
    expect((JSON.parse(r.stdout) as { metadata: { component: { name: string } } }).metadata.component.name).toBe(
      "piped",
    );
  });

  it("warns on stderr about inputs that are not content-pinned", async () => {
    const r = await runCli(["sbom", lockFixture("valid", "unlocked.lock"), "--reproducible"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: input 'dirty' is locked by its narHash alone, without a rev");
    expect(r.stderr).toContain("warning: input 'libA' is locked to a commit but has no narHash");
    expect(JSON.parse(r.stdout)).toBeTruthy();
  });

  it("writes -o FILE atomically and leaves no temporary files", async () => {
    const dir = tmp();
    const out = path.join(dir, "sbom.json");
    const r = await runCli(["sbom", path.join(REPO, "flake.lock"), "-o", out, "--reproducible"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8"))).toBeTruthy();
    expect(readdirSync(dir)).toEqual(["sbom.json"]);
  });

  it("leaves no output file when the input is invalid, and keeps an existing one intact", async () => {
    const dir = tmp();
    const out = path.join(dir, "sbom.json");
    writeFileSync(out, "previous");
    const r = await runCli(["sbom", lockFixture("invalid", "dangling-node-ref.lock"), "-o", out]);
    expect(r.code).toBe(3);
    expect(readFileSync(out, "utf8")).toBe("previous");
    expect(readdirSync(dir)).toEqual(["sbom.json"]);
  });

  it("reports an output directory that does not exist as a usage error", async () => {
    const r = await runCli(["sbom", path.join(REPO, "flake.lock"), "-o", path.join(tmp(), "no", "such", "dir.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("its directory does not exist");
  });
});

describe("bad input: exit 3, one clear paragraph, no stack trace, nothing on stdout", () => {
  it.each(lockFixtures("invalid"))("%s", async (name) => {
    const r = await runCli(["sbom", lockFixture("invalid", name)]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(lockFixture("invalid", name));
    noStackTrace(r.stderr);
  });

  it("a missing file", async () => {
    const r = await runCli(["sbom", "nope/flake.lock"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("nope/flake.lock: no such file");
  });

  it("a directory, with the lock inside suggested", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "flake.lock"), "{}");
    const r = await runCli(["sbom", dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("is a directory");
    expect(r.stderr).toContain(path.join(dir, "flake.lock"));
  });

  it("an unreadable file", async () => {
    if (process.getuid?.() === 0) return; // root reads everything; nothing to test
    const dir = tmp();
    const f = path.join(dir, "flake.lock");
    writeFileSync(f, "{}", { mode: 0o000 });
    expect((await runCli(["sbom", f])).code).toBe(3);
  });

  it("100 MB of garbage, quickly", async () => {
    const dir = tmp();
    const f = path.join(dir, "garbage.lock");
    const fd = openSync(f, "w");
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 7919 + 13) % 256;
    for (let i = 0; i < 100; i++) writeSync(fd, chunk);
    closeSync(fd);
    const started = performance.now();
    const r = await runCli(["sbom", f, "-o", path.join(dir, "out.json")]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("invalid JSON");
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(readdirSync(dir)).toEqual(["garbage.lock"]);
  });
});

describe("usage", () => {
  it("--help lists the commands and exit codes", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("sbom");
    expect(r.stdout).toContain("Exit codes");
  });

  it("sbom --help describes its options", async () => {
    const r = await runCli(["sbom", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--reproducible");
  });

  it("--version prints the version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [[]],
    [["frobnicate"]],
    [["sbom", "--no-such-flag"]],
    [["sbom", "--spec", "9.9"]],
    [["sbom", "a.lock", "b.lock"]],
  ])("%j is a usage error (exit 2)", async (argv) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--help");
    noStackTrace(r.stderr);
  });
});

void mkdirSync;
