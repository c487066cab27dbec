import { parseHash, type Hash } from "../../domain/nix/hash.js";
import type { Attrs, SourceRef } from "../../domain/lock/source-ref.js";
import { describeReceived, type InputIssue } from "../issues.js";
import { SOURCE_ATTR_SCHEMAS } from "./flake-lock.schema.js";
import { zodIssues } from "../zod-issues.js";
import { attrsLookValid } from "./flake-lock.fast.js";

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

/**
 * Turns a `locked` or `original` attribute set into a SourceRef, collecting issues with JSON pointers
 * under `pointer`. Unknown types become `{ type: "unknown" }` rather than errors.
 */
export function toSourceRef(raw: Attrs, origin: string, pointer: string): { ref?: SourceRef; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const type = raw["type"];
  if (typeof type !== "string") {
    issues.push({
      origin,
      pointer: `${pointer}/type`,
      message: "every input needs a string 'type' attribute",
      expected: "one of github, gitlab, sourcehut, git, hg, tarball, file, path, indirect",
      received: describeReceived(type),
    });
    return { issues };
  }
  const schema = SOURCE_ATTR_SCHEMAS[type];
  if (schema !== undefined && !attrsLookValid(type, raw)) {
    const r = schema.safeParse(raw);
    if (!r.success) issues.push(...zodIssues(r.error, origin, pointer, raw));
  }
  const attrs: Record<string, string | number | boolean> = { ...raw };
  if (typeof attrs["url"] === "string") attrs["url"] = sanitizeUrl(attrs["url"]);
  let narHash: Hash | undefined;
  const narText = str(attrs, "narHash");
  if (narText !== undefined && narText !== "") {
    const h = parseHash(narText);
    if (!h.ok || h.value.algo !== "sha256") {
      issues.push({
        origin,
        pointer: `${pointer}/narHash`,
        message: `narHash is not a SHA-256 hash: ${h.ok ? `it uses ${h.value.algo}` : h.error}`,
        expected: "an SRI SHA-256 hash",
        example: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=",
        received: describeReceived(narText),
      });
    } else narHash = h.value;
  }
  if (issues.length > 0) return { issues };
  return { ref: typedRef(type, attrs, commonOf(attrs, narHash)), issues };
}

type Common = Omit<
  SourceRef,
  "type" | "owner" | "repo" | "host" | "url" | "submodules" | "shallow" | "path" | "id" | "declaredType"
>;

/** The attributes every source type shares, with their types checked. */
function commonOf(attrs: Attrs, narHash: Hash | undefined): Common {
  const num = (k: string): number | undefined => (typeof attrs[k] === "number" ? attrs[k] : undefined);
  const lastModified = num("lastModified");
  const revCount = num("revCount");
  const [dir, name, rev, ref] = [str(attrs, "dir"), str(attrs, "name"), str(attrs, "rev"), str(attrs, "ref")];
  return {
    attrs,
    ...(narHash !== undefined ? { narHash } : {}),
    ...(lastModified !== undefined ? { lastModified } : {}),
    ...(revCount !== undefined ? { revCount } : {}),
    ...(dir !== undefined ? { dir } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(rev !== undefined ? { rev } : {}),
    ...(ref !== undefined ? { ref } : {}),
  };
}

/** The SourceRef variant for `type`, with exactly that variant's fields. */
function typedRef(type: string, attrs: Attrs, common: Common): SourceRef {
  const bool = (k: string): boolean | undefined => (typeof attrs[k] === "boolean" ? attrs[k] : undefined);
  switch (type) {
    case "github":
    case "gitlab":
    case "sourcehut": {
      const host = str(attrs, "host");
      return {
        ...common,
        type,
        owner: str(attrs, "owner") ?? "",
        repo: str(attrs, "repo") ?? "",
        ...(host !== undefined ? { host } : {}),
      };
    }
    case "git": {
      const [submodules, shallow] = [bool("submodules"), bool("shallow")];
      return {
        ...common,
        type,
        url: str(attrs, "url") ?? "",
        ...(submodules !== undefined ? { submodules } : {}),
        ...(shallow !== undefined ? { shallow } : {}),
      };
    }
    case "hg":
    case "tarball":
    case "file":
      return { ...common, type, url: str(attrs, "url") ?? "" };
    case "path":
      return { ...common, type, path: str(attrs, "path") ?? "" };
    case "indirect":
      return { ...common, type, id: str(attrs, "id") ?? "" };
    default:
      return { ...common, type: "unknown", declaredType: type };
  }
}
