import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NIX_ENV } from "../nix.js";

/**
 * A small fleet built with the real Nix: "nixpkgs" sources added as `source` paths, systems that
 * embed them, local stores with system profiles and generations, and keys that sign some paths.
 */
export interface FleetWorld {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly sh: (cmd: string, args: string[]) => string;
  readonly systems: { readonly a: string; readonly b: string; readonly c: string };
  readonly nixpkgs: { readonly current: string; readonly old: string };
  readonly keys: {
    readonly trusted: string;
    readonly trustedSecret: string;
    readonly other: string;
    readonly otherSecret: string;
  };
  readonly storeUri: (host: string) => string;
  readonly root: (host: string) => string;
  /** `nix store verify --sigs-needed 1` of a system in a store: the paths it calls untrusted. */
  readonly nixUntrusted: (store: string, system: string) => string[];
}

const SYS_NIX = `{ tag, nixpkgs, extra ? false }:
let
  src = builtins.path { path = nixpkgs; name = "source"; };
  mk = name: script: derivation { inherit name; system = builtins.currentSystem; builder = "/bin/sh"; args = [ "-c" script ]; };
  lib = mk "libfoo-1.0" "echo libfoo > $out";
  tool = mk "tool-\${if extra then "2.0" else "1.0"}" "echo \${lib} > $out";
in mk "nixos-system-\${tag}" "echo \${tool} \${src} > $out"
`;

const REV = { current: "1111111111111111111111111111111111111111", old: "0000000000000000000000000000000000000000" };

function lockFor(narHash: string, rev: string, lastModified: number): string {
  const locked = { lastModified, narHash, owner: "NixOS", repo: "nixpkgs", rev, type: "github" };
  const nixpkgs = { locked, original: { owner: "NixOS", ref: "nixos-unstable", repo: "nixpkgs", type: "github" } };
  return `${JSON.stringify({ nodes: { nixpkgs, root: { inputs: { nixpkgs: "nixpkgs" } } }, root: "root", version: 7 }, null, 2)}\n`;
}

export function buildFleetWorld(dir: string): FleetWorld {
  const env = { ...NIX_ENV, HOME: path.join(dir, "home") };
  const sh = (cmd: string, args: string[]): string =>
    execFileSync(cmd, args, { env, encoding: "utf8", cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  mkdirSync(env.HOME, { recursive: true });
  writeFileSync(path.join(dir, "sys.nix"), SYS_NIX);
  for (const [name, text] of [
    ["nixpkgs-current", "nixpkgs 26.05\n"],
    ["nixpkgs-old", "nixpkgs 25.11, older\n"],
  ] as const) {
    mkdirSync(path.join(dir, name), { recursive: true });
    writeFileSync(path.join(dir, name, "default.nix"), text);
  }
  const build = (tag: string, np: string, extra = false): string =>
    sh("nix-build", [
      "--no-out-link",
      "sys.nix",
      "--argstr",
      "tag",
      tag,
      "--arg",
      "nixpkgs",
      `./${np}`,
      "--arg",
      "extra",
      String(extra),
    ]).trim();
  const systems = {
    a: build("web", "nixpkgs-current"),
    b: build("web", "nixpkgs-old"),
    c: build("web", "nixpkgs-current", true),
  };
  const sourceOf = (system: string): { path: string; narHash: string } => {
    const infos = JSON.parse(sh("nix", ["path-info", "--json", "-r", system])) as Array<{
      path: string;
      narHash: string;
    }>;
    const src = infos.find((i) => i.path.endsWith("-source"));
    if (src === undefined) throw new Error(`no source in ${system}`);
    return src;
  };
  const current = sourceOf(systems.a);
  const old = sourceOf(systems.b);
  writeFileSync(path.join(dir, "flake.lock"), lockFor(current.narHash, REV.current, 1_780_000_000));
  writeFileSync(path.join(dir, "old.lock"), lockFor(old.narHash, REV.old, 1_760_000_000));
  const key = (name: string): { secret: string; pub: string } => {
    const secret = path.join(dir, `${name}.sec`);
    writeFileSync(secret, sh("nix", ["key", "generate-secret", "--key-name", name]));
    const pub = execFileSync("nix", ["key", "convert-secret-to-public"], { env, input: readFileSync(secret) })
      .toString()
      .trim();
    return { secret, pub };
  };
  const trusted = key("fleet-test-1");
  const other = key("someone-else-1");
  const root = (host: string): string => path.join(dir, "stores", host);
  const storeUri = (host: string): string => `local?root=${root(host)}`;
  return {
    dir,
    env,
    sh,
    systems,
    nixpkgs: { current: current.path, old: old.path },
    keys: { trusted: trusted.pub, trustedSecret: trusted.secret, other: other.pub, otherSecret: other.secret },
    storeUri,
    root,
    nixUntrusted: (store, system) => {
      let stderr = "";
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
            trusted.pub,
            "--store",
            store,
            "-r",
            system,
          ],
          { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
        );
      } catch (e) {
        stderr = String((e as { stderr?: string }).stderr ?? "");
      }
      return [...stderr.matchAll(/path '([^']+)' is untrusted/g)].map((m) => m[1] ?? "").sort();
    },
  };
}

/** A host: its store at root, holding `generations` (oldest first) in its system profile, signed as asked. */
export function makeHost(
  w: FleetWorld,
  host: string,
  generations: readonly string[],
  sign: "trusted" | "other" | "none" | "partly",
): void {
  const store = w.storeUri(host);
  const profile = path.join(w.root(host), "nix/var/nix/profiles/system");
  mkdirSync(path.dirname(profile), { recursive: true });
  for (const system of generations) {
    w.sh("nix", ["copy", "--no-check-sigs", "--to", store, system]);
    w.sh("nix-env", ["--store", store, "-p", profile, "--set", system]);
  }
  const current = generations[generations.length - 1] ?? "";
  if (sign === "none") return;
  const keyFile = sign === "other" ? w.keys.otherSecret : w.keys.trustedSecret;
  // "partly": only the system path itself is signed; its dependencies stay unsigned.
  w.sh("nix", [
    "store",
    "sign",
    "--store",
    store,
    "--key-file",
    keyFile,
    ...(sign === "partly" ? [] : ["-r"]),
    current,
  ]);
}
