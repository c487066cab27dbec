import type { ProfileListing, ProfileLink } from "../../domain/fleet/generations.js";

/**
 * Parses what the profile script printed over ssh: tab-separated lines `running\t<target>`,
 * `profile\t<target>` and `link\t<name>\t<target>\t<mtime>`. Lines it does not know are ignored:
 * a login banner or shell noise must not break the read.
 */
export function parseProfileListing(text: string, profile: string): ProfileListing {
  let running: string | undefined;
  let profileTarget: string | undefined;
  const links: ProfileLink[] = [];
  for (const line of text.split("\n")) {
    const f = line.split("\t");
    if (f[0] === "running" && f[1]) running = f[1];
    else if (f[0] === "profile" && f[1]) profileTarget = f[1];
    else if (f[0] === "link" && f.length === 4 && f[1] && f[2]?.startsWith("/")) {
      const mtime = /^\d{1,12}$/.test(f[3] ?? "") ? Number(f[3]) : undefined;
      links.push({ name: f[1], target: f[2], ...(mtime !== undefined ? { mtime } : {}) });
    }
  }
  return {
    profile,
    ...(profileTarget !== undefined ? { profileTarget } : {}),
    ...(running !== undefined ? { running } : {}),
    links,
  };
}
