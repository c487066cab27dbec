import { execFileSync } from "node:child_process";

/** Nix settings for running as root without a daemon, offline (nix-formats.md §8). */
export const NIX_ENV = {
  ...process.env,
  NIX_CONFIG: [
    "experimental-features = nix-command flakes",
    "build-users-group =",
    "sandbox = false",
    "substituters =",
  ].join("\n"),
};

function probe(): string | undefined {
  try {
    return execFileSync("nix", ["--version"], { env: NIX_ENV, encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

export const nixVersion = probe();
export const hasNix = nixVersion !== undefined;

/** Under FLAKE_AUDIT_REQUIRE_NIX=1 (CI) a missing nix is a failure, not a skip. */
export function reportNixSkip(suite: string): void {
  if (hasNix) return;
  if (process.env["FLAKE_AUDIT_REQUIRE_NIX"] === "1")
    throw new Error(`${suite}: nix is required (FLAKE_AUDIT_REQUIRE_NIX=1) but not installed`);
  console.warn(`SKIPPED: ${suite} needs the nix command (apt-get install nix-bin); it is not installed`);
}

export const nix = (cmd: string, args: string[], cwd?: string): string =>
  execFileSync(cmd, args, { env: NIX_ENV, encoding: "utf8", cwd, stdio: ["ignore", "pipe", "pipe"] });
