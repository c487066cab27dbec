import type { LockedSide } from "../../domain/diff/lock-diff.js";
import { nameFromUrl } from "../../domain/lock/url-name.js";

/**
 * A FlakeHub release a tarball input pins (`https://api.flakehub.com/f/pinned/O/N/V/…/source.tar.gz`
 * or `https://flakehub.com/f/O/N/V.tar.gz`), read by the domain's URL naming. Owner, name and
 * version must pass strict patterns, so a release name or link built from them says nothing the
 * URL's own fields do not; anything else is shown as the URL it is.
 */
export interface FlakehubRelease {
  readonly owner: string;
  readonly name: string;
  readonly version: string;
}

const FLAKEHUB_URL = /^(?:tarball\+)?https:\/\/(?:api\.)?flakehub\.com\/f\//;
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const VERSION = /^[0-9A-Za-z.+_-]{1,100}$/;
const DOTS = /^\.+$/;

/** The release a FlakeHub URL names, or undefined for any other URL. */
export function flakehubReleaseOf(url: string): FlakehubRelease | undefined {
  if (!FLAKEHUB_URL.test(url)) return undefined;
  const named = nameFromUrl(url.replace(/^tarball\+/, ""));
  if (named?.group === undefined || named.version === undefined) return undefined;
  const { group: owner, name, version } = named;
  return NAME.test(owner) && NAME.test(name) && VERSION.test(version) && !DOTS.test(owner) && !DOTS.test(name)
    ? { owner, name, version }
    : undefined;
}

/** The release a locked tarball side pins on FlakeHub. */
export function flakehubRelease(s: LockedSide | undefined): FlakehubRelease | undefined {
  if (s === undefined || s.follows !== undefined || s.type !== "tarball") return undefined;
  const url = s.attrs["url"];
  return flakehubReleaseOf(typeof url === "string" ? url : s.url);
}

/** `NixOS/nixpkgs@0.2405.1+rev-…`: how people name a FlakeHub release. */
export const releaseName = (r: FlakehubRelease): string => `${r.owner}/${r.name}@${r.version}`;

/** The release's page on FlakeHub. */
export const releasePage = (r: FlakehubRelease): string =>
  `https://flakehub.com/flake/${r.owner}/${r.name}/${encodeURIComponent(r.version)}`;
