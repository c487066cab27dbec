import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { hasNix, nixVersion, reportNixSkip } from "../support/nix.js";
import { buildFleetWorld, makeHost, type FleetWorld } from "../support/fleet/world.js";

reportNixSkip("fleet signature verdicts against nix store verify");

interface Host {
  name: string;
  status: string;
  paths: number;
  signatures?: { untrusted: string[]; unsigned: string[]; invalid: string[]; malformed?: string[] };
}

describe.runIf(hasNix)(`signature verdicts agree with nix store verify (${nixVersion ?? "absent"})`, () => {
  let w: FleetWorld;
  let closure: string[];
  const keyPair = (name: string, file: string): { secret: string; pub: string } => {
    const secret = path.join(w.dir, file);
    writeFileSync(secret, w.sh("nix", ["key", "generate-secret", "--key-name", name]));
    const pub = execFileSync("nix", ["key", "convert-secret-to-public"], { env: w.env, input: readFileSync(secret) })
      .toString()
      .trim();
    return { secret, pub };
  };
  /** Paths of `system` in `store` that `nix store verify --sigs-needed 1` fails, one path at a time. */
  const nixFails = (store: string, keys: readonly string[]): string[] =>
    closure.filter((p) => {
      try {
        execFileSync(
          "nix",
          [
            "store",
            "verify",
            "--no-contents",
            "--sigs-needed",
            "1",
            "--trusted-public-keys",
            keys.join(" "),
            "--store",
            store,
            p,
          ],
          { env: w.env, stdio: ["ignore", "pipe", "pipe"] },
        );
        return false;
      } catch {
        return true;
      }
    });
  const sqlite = (host: string, sql: string): void => {
    execFileSync("sqlite3", [path.join(w.root(host), "nix/var/nix/db/db.sqlite"), sql]);
  };
  const fleet = async (keys: readonly string[]) => {
    const file = path.join(w.dir, "fleet.yaml");
    writeFileSync(
      file,
      `trustedKeys:\n${keys.map((k) => `  - ${k}\n`).join("")}hosts:\n  - name: junk\n    store: ${w.storeUri("junk")}\n  - name: twins\n    store: ${w.storeUri("twins")}\n`,
    );
    const r = await runCli(["fleet", file, "--format", "json"], { env: w.env, cwd: w.dir });
    const hosts = (JSON.parse(r.stdout) as { hosts: Host[] }).hosts;
    return { code: r.code, stderr: r.stderr, host: (n: string) => hosts.find((h) => h.name === n)! };
  };
  const failing = (h: Host): string[] =>
    [...(h.signatures?.untrusted ?? []), ...(h.signatures?.unsigned ?? []), ...(h.signatures?.invalid ?? [])].sort();

  beforeAll(() => {
    w = buildFleetWorld(mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-sigs-")));
    closure = w.sh("nix", ["path-info", "-r", w.systems.a]).trim().split("\n").sort();
    makeHost(w, "junk", [w.systems.a], "trusted");
    makeHost(w, "twins", [w.systems.a], "none");
  }, 300_000);

  it("a signature without ':' and a malformed one by the trusted key fail only their own paths", async () => {
    const lib = closure.find((p) => p.endsWith("-libfoo-1.0"))!;
    const tool = closure.find((p) => p.endsWith("-tool-1.0"))!;
    sqlite("junk", `UPDATE ValidPaths SET sigs = 'asdf' WHERE path = '${lib}'`);
    sqlite("junk", `UPDATE ValidPaths SET sigs = 'fleet-test-1:qwer' WHERE path = '${tool}'`);
    const r = await fleet([w.keys.trusted]);
    const junk = r.host("junk");
    expect(junk.status).toBe("ok");
    expect(failing(junk)).toEqual(nixFails(w.storeUri("junk"), [w.keys.trusted]));
    expect(junk.signatures?.invalid).toEqual([tool]);
    expect(junk.signatures?.untrusted).toEqual([lib]);
    expect(junk.signatures?.malformed).toEqual([lib, tool].sort());
    expect(r.code).toBe(1); // the invalid signature (high), not a gap (4)
  });

  it("a valid trusted signature beside a malformed one by the trusted key: the verdict is Nix's", async () => {
    const sys = closure.find((p) => p.endsWith("-nixos-system-web"))!;
    const db = path.join(w.root("junk"), "nix/var/nix/db/db.sqlite");
    const sigs = execFileSync("sqlite3", [db, `SELECT sigs FROM ValidPaths WHERE path = '${sys}'`])
      .toString()
      .trim();
    expect(sigs).toMatch(/^fleet-test-1:/);
    sqlite("junk", `UPDATE ValidPaths SET sigs = '${sigs} fleet-test-1:qwer' WHERE path = '${sys}'`);
    const r = await fleet([w.keys.trusted]);
    const expected = nixFails(w.storeUri("junk"), [w.keys.trusted]);
    expect(expected).toContain(sys); // Nix 2.8 throws "signature is not valid" for the whole path
    expect(failing(r.host("junk"))).toEqual(expected);
    expect(r.host("junk").signatures?.invalid).toContain(sys);
  });

  it("two trusted keys with one name: the first is used, as Nix does, with a warning", async () => {
    const first = keyPair("twin-1", "twin-a.sec");
    const second = keyPair("twin-1", "twin-b.sec");
    const [lib, ...rest] = closure.filter((p) => !p.endsWith("-source"));
    const sign = (key: string, paths: readonly string[]) =>
      w.sh("nix", ["store", "sign", "--store", w.storeUri("twins"), "--key-file", key, ...paths]);
    sign(first.secret, [lib!]);
    sign(second.secret, rest);
    const keys = [first.pub, second.pub];
    const r = await fleet(keys);
    const expected = nixFails(w.storeUri("twins"), keys);
    expect(expected).toEqual(rest.sort());
    expect(failing(r.host("twins"))).toEqual(expected);
    expect(r.stderr).toContain("warning: trustedKeys names 'twin-1' more than once");
  });
});
