import { isoDateTime } from "../time.js";
import type { Generation } from "./report.js";

/** One `<profile>-<N>-link` symlink as read on a host: its target and modification time (Unix seconds). */
export interface ProfileLink {
  readonly name: string;
  readonly target: string;
  readonly mtime?: number;
}

/** What a host's profile directory says, read with readlink and stat. */
export interface ProfileListing {
  /** The profile's base name, e.g. `system`. */
  readonly profile: string;
  /** Where the profile link points (`system-12-link`), when it exists. */
  readonly profileTarget?: string;
  /** Where /run/current-system points: what the host runs now, which can differ from the boot default. */
  readonly running?: string;
  readonly links: readonly ProfileLink[];
}

export interface HostSystem {
  readonly system: string;
  readonly generation?: number;
  readonly generations: readonly Generation[];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The running system and the generations, newest first. The current generation is the newest link
 * to the running system, or else the one the profile points at.
 */
export function systemFromProfile(listing: ProfileListing): HostSystem | undefined {
  const re = new RegExp(`^${escapeRe(listing.profile)}-(\\d+)-link$`);
  const generations: Generation[] = [];
  for (const l of listing.links) {
    const m = re.exec(l.name);
    if (m === null) continue;
    generations.push({
      number: Number(m[1]),
      path: l.target,
      ...(l.mtime !== undefined ? { date: isoDateTime(l.mtime) } : {}),
    });
  }
  generations.sort((a, b) => b.number - a.number);
  const target = listing.profileTarget?.slice(listing.profileTarget.lastIndexOf("/") + 1);
  const fromProfile = generations.find((g) => target === `${listing.profile}-${g.number}-link`);
  const system = listing.running ?? fromProfile?.path;
  if (system === undefined) return undefined;
  const current = generations.find((g) => g.path === system);
  return { system, ...(current !== undefined ? { generation: current.number } : {}), generations };
}

/** The generation before the current one, for the rollback question. */
export const previousGeneration = (s: HostSystem): Generation | undefined =>
  s.generation === undefined ? undefined : s.generations.find((g) => g.number < (s.generation ?? 0));
