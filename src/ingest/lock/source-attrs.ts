import { parseHash, type Hash } from "../../domain/nix/hash.js";
import type { Attrs, ForgeSource, GitSource, SourceRef } from "../../domain/lock/source-ref.js";
import type { Result } from "../../domain/result.js";
import { describeReceived, type InputIssue } from "../issues.js";
import { attrsLookValid } from "./flake-lock.fast.js";
import type { FlakeLockFile } from "./flake-lock.schema.js";

/** Explanations, by the zod schemas, of what the hand-written predicates reject (flake-lock.ts has zod's). */
export interface LockExplainer {
  /** The whole document: the lock zod reads, or its issues. */
  readonly document: (value: unknown, origin: string) => Result<FlakeLockFile, InputIssue[]>;
  /** One attribute set of a known type, with pointers under `pointer`: empty when zod accepts it. */
  readonly attrs: (type: string, raw: Attrs, origin: string, pointer: string) => InputIssue[];
}

/** The parse met something only an explainer can judge, and has none. */
export const UNEXPLAINED: unique symbol = Symbol("unexplained");

const TOKEN_PARAM =
  /^(?:access_token|private_token|token|auth|password|passwd|secret|api_key|apikey|signature|x-amz-signature|x-amz-credential|sig)$/i;

/** Drops userinfo and token-like query parameters so credentials never reach a report. */
export function sanitizeUrl(url: string): string {
  // Userinfo ends at the last "@" of the authority: a password may itself hold "@" (user:p@ss@host).
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1");
  const q = out.indexOf("?");
  if (q >= 0) {
    const hashAt = out.indexOf("#", q);
    const query = out.slice(q + 1, hashAt >= 0 ? hashAt : undefined);
    const kept = query.split("&").filter((p) => p !== "" && !TOKEN_PARAM.test(decodeSafe(p.split("=", 1)[0]!)));
    out = out.slice(0, q) + (kept.length > 0 ? `?${kept.join("&")}` : "") + (hashAt >= 0 ? out.slice(hashAt) : "");
  }
  return out;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const str = (a: Attrs, k: string): string | undefined => {
  const v = a[k];
  return typeof v === "string" ? v : undefined;
};

const NO_ISSUES: readonly InputIssue[] = [];

/**
 * Turns a `locked` or `original` attribute set into a SourceRef, collecting issues with JSON pointers
 * under `pointerOf()` (made only for an issue). Unknown types become `{ type: "unknown" }` rather
 * than errors. Attributes the hand-written predicates reject are judged by `explain`, or, without one,
 * end the parse with UNEXPLAINED.
 */
export function toSourceRef(
  raw: Attrs,
  origin: string,
  pointerOf: () => string,
  explain: LockExplainer | undefined,
): { ref?: SourceRef; issues: readonly InputIssue[] } | typeof UNEXPLAINED {
  const issues: InputIssue[] = [];
  const type = raw["type"];
  if (typeof type !== "string") {
    issues.push({
      origin,
      pointer: `${pointerOf()}/type`,
      message: "every input needs a string 'type' attribute",
      expected: "one of github, gitlab, sourcehut, git, hg, tarball, file, path, indirect",
      received: describeReceived(type),
    });
    return { issues };
  }
  if (!attrsLookValid(type, raw)) {
    if (explain === undefined) return UNEXPLAINED;
    issues.push(...explain.attrs(type, raw, origin, pointerOf()));
  }
  // Attribute sets are shared, not copied: nothing changes them after parsing. A URL with
  // credentials is the one exception, and gets a copy without them.
  const url = raw["url"];
  const clean = typeof url === "string" ? sanitizeUrl(url) : undefined;
  const attrs: Attrs = clean !== undefined && clean !== url ? { ...raw, url: clean } : raw;
  let narHash: Hash | undefined;
  const narText = str(attrs, "narHash");
  if (narText !== undefined && narText !== "") {
    const h = parseHash(narText);
    if (!h.ok || h.value.algo !== "sha256") {
      issues.push({
        origin,
        pointer: `${pointerOf()}/narHash`,
        message: `narHash is not a SHA-256 hash: ${h.ok ? `it uses ${h.value.algo}` : h.error}`,
        expected: "an SRI SHA-256 hash",
        example: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=",
        received: describeReceived(narText),
      });
    } else narHash = h.value;
  }
  if (issues.length > 0) return { issues };
  return { ref: withCommon(typedRef(type, attrs), attrs, narHash), issues: NO_ISSUES };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Adds the attributes every source type shares, with their types checked, to a variant made by
 * typedRef. Assigned in one fixed order, so every SourceRef of a type has one object shape.
 */
function withCommon(ref: Mutable<SourceRef>, attrs: Attrs, narHash: Hash | undefined): SourceRef {
  if (narHash !== undefined) ref.narHash = narHash;
  const { lastModified, revCount } = attrs;
  if (typeof lastModified === "number") ref.lastModified = lastModified;
  if (typeof revCount === "number") ref.revCount = revCount;
  const [dir, name, rev, ref_] = [str(attrs, "dir"), str(attrs, "name"), str(attrs, "rev"), str(attrs, "ref")];
  if (dir !== undefined) ref.dir = dir;
  if (name !== undefined) ref.name = name;
  if (rev !== undefined) ref.rev = rev;
  if (ref_ !== undefined) ref.ref = ref_;
  return ref;
}

/** The SourceRef variant for `type`, with exactly that variant's own fields. */
function typedRef(type: string, attrs: Attrs): Mutable<SourceRef> {
  const bool = (k: string): boolean | undefined => (typeof attrs[k] === "boolean" ? attrs[k] : undefined);
  switch (type) {
    case "github":
    case "gitlab":
    case "sourcehut": {
      const host = str(attrs, "host");
      const ref: Mutable<ForgeSource> = {
        type,
        attrs,
        owner: str(attrs, "owner") ?? "",
        repo: str(attrs, "repo") ?? "",
      };
      if (host !== undefined) ref.host = host;
      return ref;
    }
    case "git": {
      const [submodules, shallow] = [bool("submodules"), bool("shallow")];
      const ref: Mutable<GitSource> = { type, attrs, url: str(attrs, "url") ?? "" };
      if (submodules !== undefined) ref.submodules = submodules;
      if (shallow !== undefined) ref.shallow = shallow;
      return ref;
    }
    case "hg":
    case "tarball":
    case "file":
      return { type, attrs, url: str(attrs, "url") ?? "" };
    case "path":
      return { type, attrs, path: str(attrs, "path") ?? "" };
    case "indirect":
      return { type, attrs, id: str(attrs, "id") ?? "" };
    default:
      return { type: "unknown", attrs, declaredType: type };
  }
}
