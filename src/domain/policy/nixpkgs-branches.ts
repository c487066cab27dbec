/**
 * Nixpkgs branches flake-audit knows to be supported, as of LIST_UPDATED. Rolling branches are
 * always supported; a release is supported until its end-of-life date (NixOS supports each release
 * for about seven months). Policies can replace the list (`supportedBranches`).
 */
export const LIST_UPDATED = "2026-11-25";

export interface Release {
  readonly version: string;
  /** ISO date after which the release gets no more updates. */
  readonly endOfLife: string;
}

export const RELEASES: readonly Release[] = [
  { version: "25.05", endOfLife: "2025-12-31" },
  { version: "25.11", endOfLife: "2026-06-30" },
  { version: "26.05", endOfLife: "2026-12-31" },
  { version: "26.11", endOfLife: "2027-06-30" },
];

export const ROLLING = ["nixos-unstable", "nixos-unstable-small", "nixpkgs-unstable", "master"] as const;

/** `nixos-24.05`, `nixos-24.05-small`, `nixpkgs-24.05-darwin`, `release-24.05` → 24.05. */
export function releaseOf(branch: string): string | undefined {
  return /^(?:nixos|nixpkgs|release)-(\d\d\.\d\d)(?:-(?:small|darwin))?$/.exec(
    branch.replace(/^refs\/heads\//, ""),
  )?.[1];
}

/** Whether a branch is rolling or a release not past its end of life at `now`. */
export function isSupportedBranch(
  branch: string,
  now: Date,
  releases: readonly Release[] = RELEASES,
  rolling: readonly string[] = ROLLING,
): boolean {
  const b = branch.replace(/^refs\/heads\//, "");
  if (rolling.includes(b)) return true;
  const v = releaseOf(b);
  const r = releases.find((x) => x.version === v);
  return r !== undefined && now.getTime() <= Date.parse(`${r.endOfLife}T23:59:59Z`);
}

/** The branch names supported at `now`: the rolling ones, then `nixos-<version>` for each live release. */
export function supportedBranchNames(
  now: Date,
  releases: readonly Release[] = RELEASES,
  rolling: readonly string[] = ROLLING,
): string[] {
  return [
    ...rolling,
    ...releases
      .filter((r) => isSupportedBranch(`nixos-${r.version}`, now, releases, []))
      .map((r) => `nixos-${r.version}`),
  ];
}
