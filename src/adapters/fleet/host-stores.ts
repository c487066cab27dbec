import { lstat, readdir, readlink } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../../app/errors.js";
import type { HostStores, ProfileLocation } from "../../app/fleet-ports.js";
import type { ProfileLink, ProfileListing } from "../../domain/fleet/generations.js";
import { hostPathProblem } from "../../domain/fleet/host-paths.js";
import { storeDirOf } from "../../domain/fleet/store-uri.js";
import { parseProfileListing } from "../../ingest/fleet/profile-listing.js";
import { nixCli } from "../nix/nix-cli.js";
import { profileScript, runOverSsh } from "./ssh.js";

type Env = Readonly<Record<string, string | undefined>>;

const readlinkOrUndefined = async (p: string): Promise<string | undefined> => {
  try {
    return await readlink(p);
  } catch {
    return undefined;
  }
};

/** A profile's links on this machine's filesystem (a `local?root=…` store's root, or this host). */
async function localProfile(profile: string, running: string | undefined): Promise<ProfileListing> {
  const dir = path.dirname(profile);
  const base = path.basename(profile);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InputError([{ origin: profile, pointer: "", message: `cannot read the profile directory: ${why}` }]);
  }
  const links: ProfileLink[] = [];
  for (const name of names.filter((n) => n.startsWith(`${base}-`) && n.endsWith("-link")).sort()) {
    const full = path.join(dir, name);
    const target = await readlinkOrUndefined(full);
    if (target === undefined) continue;
    const st = await lstat(full);
    links.push({ name, target, mtime: Math.floor(st.mtimeMs / 1000) });
  }
  const profileTarget = await readlinkOrUndefined(profile);
  const runningTarget = running !== undefined ? await readlinkOrUndefined(running) : undefined;
  return {
    profile: base,
    ...(profileTarget !== undefined ? { profileTarget } : {}),
    ...(runningTarget !== undefined ? { running: runningTarget } : {}),
    links,
  };
}

/** HostStores over the installed nix and ssh. */
export function hostStores(env: Env): HostStores {
  return {
    async closure(store, storePath, timeoutMs) {
      // The last guard before nix: only a store path of this store, never a flake reference or an option.
      const bad = hostPathProblem(storePath, "the path to read", storeDirOf(store));
      if (bad !== undefined) throw new InputError([{ origin: store, pointer: "", message: bad }]);
      return nixCli({ timeoutMs, env }).pathInfoClosure(storePath, store);
    },
    async profile(at: ProfileLocation, timeoutMs) {
      if (at.kind === "local") return localProfile(at.profile, at.running);
      const out = await runOverSsh(at.store, profileScript(at.profile, at.running), { timeoutMs, env });
      return parseProfileListing(out, at.profile.slice(at.profile.lastIndexOf("/") + 1));
    },
  };
}
