import type { ProfileListing } from "../domain/fleet/generations.js";
import type { VerifySignature } from "../domain/fleet/signatures.js";
import type { CommandOutput } from "./ports.js";

export type { VerifySignature };

/** Where a host's system profile is read: over OpenSSH as Nix reaches the store, or on this machine's filesystem. */
export type ProfileLocation =
  | { readonly kind: "ssh"; readonly store: string; readonly profile: string; readonly running?: string }
  | { readonly kind: "local"; readonly profile: string; readonly running?: string };

/** Reading hosts' stores and profiles. Failures become InputError with the host's reason. */
export interface HostStores {
  /** `nix path-info --json --recursive --store STORE PATH`. */
  closure(store: string, path: string, timeoutMs: number): Promise<CommandOutput>;
  /** readlink and stat of the profile, its generation links and the running-system link. */
  profile(at: ProfileLocation, timeoutMs: number): Promise<ProfileListing>;
}

/** A host report file split into its header and the bytes of its closure, which are recognised by digest. */
export interface ReportBytes {
  readonly origin: string;
  /** The report's JSON with `"closure": null`; positions in issues refer to this text. */
  readonly header: string;
  /** Equal ids, equal closure bytes (and so equal closures). */
  readonly closureId: string;
  readonly closureText: () => string;
}

/** How long one read may take, and the setting that chose it (named when the time runs out). */
export interface ReadTimeout {
  readonly ms: number;
  readonly setting: string;
}

export interface ReportFiles {
  /** The *.json files in a directory, sorted. */
  list(dir: string): Promise<readonly string[]>;
  /** Reads one report within `timeout` (default: the adapter's own, from --timeout). */
  read(path: string, timeout?: ReadTimeout): Promise<ReportBytes>;
}
