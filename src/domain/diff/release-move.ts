/**
 * Whether two URLs of a `file` or `tarball` input name the same source at another release: the
 * same scheme, host and path but for version-like segments (`…/tag/v3.21.1/macOS` →
 * `…/tag/v3.21.2/macOS`, FlakeHub's `…/pinned/OWNER/REPO/3.21.1/UUID/source.tar.gz`, GitHub's
 * `archive/REV.tar.gz` and `releases/download/v1.2/tool-1.2.tar.gz`). Anything else (another
 * host, owner, repository or path) is a source change.
 */
export interface ReleaseMove {
  readonly from: string;
  readonly to: string;
}

const ARCHIVE_SUFFIX = /\.(?:tar\.gz|tar\.xz|tar\.bz2|tar\.zst|tgz|tbz2?|txz|zip|tar)$/i;

/** A segment with its archive extension removed and percent-escapes decoded where they are valid. */
function bare(segment: string): string {
  const s = segment.replace(ARCHIVE_SUFFIX, "");
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A version, optionally after a name and a dash: `v3.21.1`, `0.1.377`, `nixos-24.05`,
 * `tool-1.2-x86_64`, `0.2605.1005706+rev-9b69…`. A dot is required so that `user1` is a name.
 */
const VERSION = /^([A-Za-z][A-Za-z0-9_]*[-_])?(v?\d+(?:\.\d+)+(?:[-+~_.][0-9A-Za-z.+~_-]*)?)$/;
/** A commit (hex with a digit, so that a word like `deadbeef` stays a name) or an upload id (FlakeHub's UUIDs). */
const ID = /^(?:(?=[a-f]*\d)[0-9a-f]{7,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

type SegmentMove = { readonly kind: "version" | "id"; readonly from: string; readonly to: string };

/** Longer segments are no version; the bound also keeps the regexes' backtracking small on hostile URLs. */
const MAX_SEGMENT = 200;

function segmentMove(a: string, b: string): SegmentMove | undefined {
  if (a.length > MAX_SEGMENT || b.length > MAX_SEGMENT) return undefined;
  const [x, y] = [bare(a), bare(b)];
  const [vx, vy] = [VERSION.exec(x), VERSION.exec(y)];
  if (vx !== null && vy !== null && (vx[1] ?? "") === (vy[1] ?? "")) return { kind: "version", from: x, to: y };
  if (ID.test(x) && ID.test(y)) return { kind: "id", from: x, to: y };
  return undefined;
}

/** Scheme and authority (lower-cased), path segments; the query and fragment are not part of where. */
function split(url: string): { origin: string; segments: string[] } | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^?#]*)/i.exec(url);
  if (m === null) return undefined;
  return { origin: (m[1] ?? "").toLowerCase(), segments: (m[2] ?? "").split("/") };
}

/** The release move between two URLs, or undefined when they differ in anything but versions and ids. */
export function releaseMove(oldUrl: string, newUrl: string): ReleaseMove | undefined {
  const [a, b] = [split(oldUrl), split(newUrl)];
  if (a === undefined || b === undefined || a.origin !== b.origin || a.segments.length !== b.segments.length)
    return undefined;
  const moves: SegmentMove[] = [];
  for (const [i, sa] of a.segments.entries()) {
    const sb = b.segments[i] ?? "";
    if (sa === sb) continue;
    const move = segmentMove(sa, sb);
    if (move === undefined) return undefined;
    moves.push(move);
  }
  // The version tells the reader what moved; a bare commit or id is shown when there is no version.
  const shown = moves.find((m) => m.kind === "version") ?? moves[0];
  return shown === undefined ? undefined : { from: shown.from, to: shown.to };
}
