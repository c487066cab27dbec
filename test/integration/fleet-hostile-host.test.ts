import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { hasNix, NIX_ENV, reportNixSkip } from "../support/nix.js";
import { reportSshdSkip, startSshd, type Sshd } from "../support/fleet/sshd.js";

reportNixSkip("fleet against compromised hosts");

const SECRET = "auditor-secret-4711";
const HASH = "a".repeat(32);

/** Every file under `dir` whose content holds `needle` or whose name ends with `suffix`. */
function traces(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(e.parentPath, e.name);
    if (e.name.endsWith("-host-ifd.drv") || (e.isFile() && readFileSync(full, "utf8").includes(SECRET))) out.push(full);
  }
  return out;
}

/**
 * The auditor's machine: a private directory (which `path:DIR#x` would copy into a store) and flakes
 * with import-from-derivation (which evaluating would instantiate and build in a host's store).
 */
function auditorMachine(dir: string) {
  const secret = path.join(dir, "private");
  mkdirSync(secret);
  writeFileSync(path.join(secret, "notes.txt"), `${SECRET}\n`);
  // Evaluating x instantiates `host-ifd.drv` in the store and builds it (import from derivation).
  const drv = (name: string): string =>
    `derivation { name = "${name}"; system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "echo hi > $out" ]; }`;
  const ifdFlake = `{ outputs = { self }: { x = builtins.seq (builtins.readFile (${drv("host-ifd")})) (${drv("x")}); }; }\n`;
  const ifd = path.join(dir, "ifd-flake");
  // A directory named like a store object: /nix/store/../..<dir>/<hash>-evil canonicalises to it.
  const lookalike = path.join(dir, `${HASH}-evil`);
  for (const d of [ifd, lookalike]) {
    mkdirSync(d);
    writeFileSync(path.join(d, "flake.nix"), ifdFlake);
  }
  return { secret, ifd, lookalike };
}

describe.runIf(hasNix)("a compromised host's readlink answers never reach nix as anything but a store path", () => {
  let dir: string;
  let m: ReturnType<typeof auditorMachine>;
  let sshd: Sshd | undefined;
  const root = (h: string): string => path.join(dir, "roots", h);
  // Its own HOME: no eval cache from an earlier run can stand in for an evaluation.
  const env = (): NodeJS.ProcessEnv => ({ ...NIX_ENV, HOME: path.join(dir, "home") });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "flake-audit-hostile-"));
    m = auditorMachine(dir);
    const script = path.join(dir, "compromised-host.sh");
    // The host answers the profile script with whatever it likes; nix-daemon is served for real.
    writeFileSync(
      script,
      [
        "#!/bin/sh",
        'case "$SSH_ORIGINAL_COMMAND" in',
        '  *nix-daemon*) exec /bin/sh -c "$SSH_ORIGINAL_COMMAND" ;;',
        `  *"/hostile/flake"*) printf 'running\\tpath:${m.secret}#x\\n' ;;`,
        `  *"/hostile/ifd"*) printf 'running\\tpath:${m.ifd}#x\\n' ;;`,
        `  *"/hostile/option"*) printf 'running\\t--version\\n' ;;`,
        `  *"/hostile/dotdot"*) printf 'running\\t/nix/store/../..${m.lookalike}\\n' ;;`,
        `  *"/hostile/escape"*) printf 'running\\t/nix/store/${HASH}-x\\033]0;owned\\007\\033[2J\\n' ;;`,
        `  *"/hostile/noisy"*) head -c 50000000 /dev/zero | tr '\\0' x >&2; exit 1 ;;`,
        "esac",
        "",
      ].join("\n"),
    );
    chmodSync(script, 0o755);
    const started = await startSshd(
      path.join(dir, "sshd"),
      { NIX_CONFIG: String(NIX_ENV["NIX_CONFIG"] ?? ""), PATH: "/usr/local/bin:/usr/bin:/bin" },
      [`ForceCommand ${script}`],
    );
    if (typeof started === "string") reportSshdSkip("fleet against compromised hosts", started);
    else sshd = started;
  }, 120_000);
  afterAll(() => sshd?.stop());

  const localHost = (name: string, link: "running" | "profile", target: string): string => {
    const r = root(name);
    const profiles = path.join(r, "nix/var/nix/profiles");
    mkdirSync(profiles, { recursive: true });
    if (link === "running") {
      mkdirSync(path.join(r, "run"), { recursive: true });
      symlinkSync(target, path.join(r, "run/current-system"));
    } else {
      symlinkSync(target, path.join(profiles, "system-1-link"));
      symlinkSync("system-1-link", path.join(profiles, "system"));
    }
    return `  - name: ${name}\n    store: local?root=${r}\n`;
  };

  it("under a local?root= mount: flake references, options and '..' paths are that host's gap", async () => {
    const fleet = path.join(dir, "local.yaml");
    writeFileSync(
      fleet,
      `hosts:\n${[
        localHost("flake-profile", "profile", `path:${m.secret}#x`),
        localHost("flake-ifd", "running", `path:${m.ifd}#x`),
        localHost("option", "running", "--version"),
        localHost("dotdot", "running", `/nix/store/../..${m.lookalike}`),
        localHost("escape", "running", `/nix/store/${HASH}-x\u001b]0;owned\u0007`),
      ].join("")}`,
    );
    const r = await runCli(["fleet", fleet, "--format", "json", "--timeout", "60"], { env: env(), cwd: dir });
    const hosts = (JSON.parse(r.stdout) as { hosts: Array<{ name: string; status: string; reason?: string }> }).hosts;
    expect(hosts.map((h) => [h.name, h.status])).toEqual(
      ["dotdot", "escape", "flake-ifd", "flake-profile", "option"].map((n) => [n, "unreachable"]),
    );
    for (const h of hosts) expect(h.reason, h.name).toMatch(/is ".*", which is not a store path in \/nix\/store/);
    expect(hosts.find((h) => h.name === "flake-profile")?.reason).toContain(`"path:${m.secret}#x"`);
    expect(hosts.find((h) => h.name === "escape")?.reason).toContain("\\u001b]0;owned\\u0007");
    expect(r.code).toBe(4);
    // Nothing was copied into any host's store, and no host code was evaluated or built.
    expect(traces(path.join(dir, "roots"))).toEqual([]);
    const text = await runCli(["fleet", fleet, "--timeout", "60"], { env: env(), cwd: dir });
    expect(text.stdout).not.toContain("\u001b");
  }, 120_000);

  it("over ssh: a session that answers readlink with a flake reference, an option or '..' is that host's gap", async (ctx) => {
    if (sshd === undefined) return ctx.skip();
    const names = ["flake", "ifd", "option", "dotdot", "escape"];
    const fleet = path.join(dir, "ssh.yaml");
    writeFileSync(
      fleet,
      `hosts:\n${names
        .map(
          (n) =>
            `  - name: ssh-${n}\n    store: ssh-ng://root@127.0.0.1?remote-store=local?root=${root(`ssh-${n}`)}\n    profile: /hostile/${n}/system\n`,
        )
        .join("")}`,
    );
    const r = await runCli(["fleet", fleet, "--format", "json", "--timeout", "60"], {
      env: { ...env(), NIX_SSHOPTS: sshd.sshOpts() },
      cwd: dir,
    });
    const hosts = (JSON.parse(r.stdout) as { hosts: Array<{ name: string; status: string; reason?: string }> }).hosts;
    expect(hosts).toHaveLength(names.length);
    for (const h of hosts) {
      expect(h.status, h.name).toBe("unreachable");
      expect(h.reason, h.name).toMatch(/is ".*", which is not a store path in \/nix\/store/);
    }
    expect(hosts.find((h) => h.name === "ssh-escape")?.reason).not.toContain("\u001b");
    expect(r.code).toBe(4);
    expect(traces(path.join(dir, "roots"))).toEqual([]);
  }, 120_000);

  it("a host that prints 50 MB on stderr is a gap whose reason is a few lines, given once, saying what was cut", async (ctx) => {
    if (sshd === undefined) return ctx.skip();
    const fleet = path.join(dir, "noisy.yaml");
    writeFileSync(
      fleet,
      "hosts:\n  - name: noisy\n    store: ssh-ng://root@127.0.0.1\n    profile: /hostile/noisy/system\n",
    );
    const r = await runCli(["fleet", fleet, "--timeout", "60"], {
      env: { ...env(), NIX_SSHOPTS: sshd.sshOpts() },
      cwd: dir,
    });
    expect(r.code).toBe(4);
    expect(r.stdout.length).toBeLessThan(4000);
    // Text reports wrap prose at 80 columns: the reason may continue on the next lines.
    expect(r.stdout).toMatch(/noisy {2}UNREACHABLE: [\s\S]*\[\d+\s+characters\s+cut\]\s+x+/);
    expect(r.stdout.match(/x{1000}/g)).toHaveLength(1);
  }, 120_000);
});
