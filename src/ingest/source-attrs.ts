import { parseHash, type Hash } from "../domain/hash.js";
import type { Attrs, SourceRef } from "../domain/source-ref.js";
import { describeReceived, type InputIssue } from "./issues.js";
import { SOURCE_ATTR_SCHEMAS } from "./flake-lock.schema.js";
import { zodIssues } from "./zod-issues.js";

const TOKEN_PARAM = /^(?:access_token|private_token|token|auth|password|passwd|secret|api_key|apikey|signature|x-amz-signature|x-amz-credential|sig)$/i;

/** Drops userinfo and token-like query parameters so credentials never reach a report. */
export function sanitizeUrl(url: string): string {
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, "$1");
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

const str = (a: Attrs, k: string): string | undefined => (typeof a[k] === "string" ? (a[k] as string) : undefined);
const num = (a: Attrs, k: string): number | undefined => (typeof a[k] === "number" ? (a[k] as number) : undefined);
const bool = (a: Attrs, k: string): boolean | undefined => (typeof a[k] === "boolean" ? (a[k] as boolean) : undefined);
const opt = <K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } => (v === undefined ? {} : ({ [k]: v } as { [P in K]?: V }));

/**
 * Turns a `locked` or `original` attribute set into a SourceRef, collecting issues with JSON pointers
 * under `pointer`. Unknown types become `{ type: "unknown" }` rather than errors.
 */
export function toSourceRef(raw: Attrs, origin: string, pointer: string): { ref?: SourceRef; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const type = raw["type"];
  if (typeof type !== "string") {
    issues.push({ origin, pointer: `${pointer}/type`, message: "every input needs a string 'type' attribute", expected: "one of github, gitlab, sourcehut, git, hg, tarball, file, path, indirect", received: describeReceived(type) });
    return { issues };
  }
  const schema = SOURCE_ATTR_SCHEMAS[type];
  if (schema !== undefined) {
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
      issues.push({ origin, pointer: `${pointer}/narHash`, message: `narHash is not a SHA-256 hash: ${h.ok ? `it uses ${h.value.algo}` : h.error}`, expected: "an SRI SHA-256 hash", example: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=", received: describeReceived(narText) });
    } else narHash = h.value;
  }
  if (issues.length > 0) return { issues };
  const common = {
    attrs,
    ...opt("narHash", narHash),
    ...opt("lastModified", num(attrs, "lastModified")),
    ...opt("revCount", num(attrs, "revCount")),
    ...opt("dir", str(attrs, "dir")),
    ...opt("name", str(attrs, "name")),
    ...opt("rev", str(attrs, "rev")),
    ...opt("ref", str(attrs, "ref")),
  };
  const s = (k: string): string => str(attrs, k) ?? "";
  let ref: SourceRef;
  switch (type) {
    case "github":
    case "gitlab":
    case "sourcehut":
      ref = { type, owner: s("owner"), repo: s("repo"), ...opt("host", str(attrs, "host")), ...common };
      break;
    case "git":
      ref = { type, url: s("url"), ...opt("submodules", bool(attrs, "submodules")), ...opt("shallow", bool(attrs, "shallow")), ...common };
      break;
    case "hg":
      ref = { type, url: s("url"), ...common };
      break;
    case "tarball":
    case "file":
      ref = { type, url: s("url"), ...common };
      break;
    case "path":
      ref = { type, path: s("path"), ...common };
      break;
    case "indirect":
      ref = { type, id: s("id"), ...common };
      break;
    default:
      ref = { type: "unknown", declaredType: type, ...common };
  }
  return { ref, issues };
}
