import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NIX_ENV } from "./nix.js";
import { REPO } from "./paths.js";

/** The package set's Nix files: nixpkgs' shapes written with `derivation` and a /bin/sh builder. */
export const PACKAGE_WORLD_NIX = path.join(REPO, "test/support/package-world");

/** One `nix-env -qa --json --meta --out-path` entry, as Nix 2.8 prints it. */
export interface MetaEntry {
  readonly name: string;
  readonly pname?: string;
  readonly version?: string;
  readonly outputName: string;
  readonly outputs: Record<string, string>;
  readonly meta: Record<string, unknown>;
}

/** One `nix show-derivation -r` entry (Nix 2.8: full paths, inputSrcs/inputDrvs at top level). */
export interface ShownDerivation {
  readonly outputs: Record<string, { path: string; hashAlgo?: string; hash?: string }>;
  readonly inputSrcs: string[];
  readonly inputDrvs: Record<string, string[]>;
  readonly env: Record<string, string>;
}

export interface PackageWorld {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly sh: (cmd: string, args: string[]) => string;
  /** Output path of system.nix: the runtime root. */
  readonly system: string;
  readonly systemDrv: string;
  /** Files the real commands wrote, as a user would pass them. */
  readonly files: {
    /** `nix path-info --json -r SYSTEM` */
    readonly closure: string;
    /** `nix show-derivation -r SYSTEM.drv` */
    readonly derivations: string;
    /** `nix-env -qa --json --meta --out-path -f default.nix` */
    readonly meta: string;
    /** The same of `variant = "other"`: meta of another nixpkgs (hello 2.12.2). */
    readonly otherMeta: string;
  };
  readonly closurePaths: readonly string[];
  readonly derivations: Readonly<Record<string, ShownDerivation>>;
  /** Attribute name → its nix-env entry. */
  readonly meta: Readonly<Record<string, MetaEntry>>;
  /** The derivation whose output is `outPath`. */
  readonly drvOf: (outPath: string) => string;
}

/**
 * Builds the package world with the real Nix (offline: fetchers write their pinned content) and
 * writes the three inputs `sbom`/`check` read, produced by the commands a user would run.
 */
export function buildPackageWorld(dir: string): PackageWorld {
  const env = { ...NIX_ENV, HOME: path.join(dir, "home") };
  mkdirSync(env.HOME, { recursive: true });
  const sh = (cmd: string, args: string[]): string =>
    execFileSync(cmd, args, {
      env,
      encoding: "utf8",
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 1 << 28,
    });
  const nixFile = (name: string): string => path.join(PACKAGE_WORLD_NIX, name);
  const system = sh("nix-build", ["--no-out-link", nixFile("system.nix")]).trim();
  const systemDrv = sh("nix-store", ["--query", "--deriver", system]).trim();
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const closureText = sh("nix", ["path-info", "--json", "-r", system]);
  const drvText = sh("nix", ["show-derivation", "-r", systemDrv]);
  const query = (variant: string): string =>
    sh("nix-env", [
      "-qa",
      "--json",
      "--meta",
      "--out-path",
      "-f",
      nixFile("default.nix"),
      "--argstr",
      "variant",
      variant,
    ]);
  const metaText = query("main");
  const files = {
    closure: write("closure.json", closureText),
    derivations: write("derivations.json", drvText),
    meta: write("meta.json", metaText),
    otherMeta: write("meta-other.json", query("other")),
  };
  const derivations = JSON.parse(drvText) as Record<string, ShownDerivation>;
  const byOutput = new Map<string, string>();
  for (const [drv, d] of Object.entries(derivations))
    for (const o of Object.values(d.outputs)) byOutput.set(o.path, drv);
  return {
    dir,
    env,
    sh,
    system,
    systemDrv,
    files,
    closurePaths: (JSON.parse(closureText) as Array<{ path: string }>).map((i) => i.path),
    derivations,
    meta: JSON.parse(metaText) as Record<string, MetaEntry>,
    drvOf: (outPath) => {
      const drv = byOutput.get(outPath);
      if (drv === undefined) throw new Error(`no derivation in the package world builds ${outPath}`);
      return drv;
    },
  };
}
