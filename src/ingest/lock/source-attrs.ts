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

const str = (a: Attrs, k: string): string | undefined => (typeof a[k] === "string" ? (a[k] as string) : undefined);

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
  const common: Record<string, unknown> = { attrs };
  if (narHash !== undefined) common["narHash"] = narHash;
  for (const k of ["lastModified", "revCount"] as const) if (typeof attrs[k] === "number") common[k] = attrs[k];
  for (const k of ["dir", "name", "rev", "ref"] as const) if (typeof attrs[k] === "string") common[k] = attrs[k];
  let ref: Record<string, unknown>;
  switch (type) {
    case "github":
    case "gitlab":
    case "sourcehut":
      ref = { type, owner: str(attrs, "owner") ?? "", repo: str(attrs, "repo") ?? "" };
      if (typeof attrs["host"] === "string") ref["host"] = attrs["host"];
      break;
    case "git":
      ref = { type, url: str(attrs, "url") ?? "" };
      if (typeof attrs["submodules"] === "boolean") ref["submodules"] = attrs["submodules"];
      if (typeof attrs["shallow"] === "boolean") ref["shallow"] = attrs["shallow"];
      break;
    case "hg":
    case "tarball":
    case "file":
      ref = { type, url: str(attrs, "url") ?? "" };
      break;
    case "path":
      ref = { type, path: str(attrs, "path") ?? "" };
      break;
    case "indirect":
      ref = { type, id: str(attrs, "id") ?? "" };
      break;
    default:
      ref = { type: "unknown", declaredType: type };
  }
  // The switch above sets exactly the fields SourceRef's variant for `type` has.
  return { ref: Object.assign(ref, common) as unknown as SourceRef, issues };
}
