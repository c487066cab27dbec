import type { InputIssue } from "../../domain/input-issue.js";
import { parseStorePath } from "../../domain/nix/store-path.js";
import type { MetaIndex, PackageMeta } from "../../domain/packages/model.js";
import { err, ok, type Result } from "../../domain/result.js";
import { escapePointerToken as esc } from "../issues.js";
import { parseJsonDocument, withPositions } from "../json-document.js";
import { zodIssues } from "../zod-issues.js";
import { licensesOf } from "./license.js";
import { isMetaDocument } from "./meta.fast.js";
import { type MetaEntry, MetaDocumentSchema } from "./meta.schema.js";

const WHAT = "`nix-env -qa --json --meta --out-path` output";
const NEXT =
  "pass what `nix-env -qa --json --meta --out-path -f <nixpkgs>` prints (--out-path adds the output paths flake-audit joins on)";
// Meta nests a few levels (entry, meta, licence list, licence); maintainers and teams a few more.
const DEPTH = { max: 32, why: "nixpkgs metadata nests fewer than 10 levels" };
const MAX_ISSUES = 20;

/** `{ [key]: value }` when value is a non-empty string, else `{}`: optional fields stay absent. */
const field = <K extends string>(key: K, value: string | null | undefined): { [P in K]?: string } =>
  typeof value === "string" && value !== "" ? ({ [key]: value } as { [P in K]?: string }) : {}; // one computed key, K

function toMeta(attr: string, e: MetaEntry): PackageMeta {
  const m = e.meta;
  const homepage = m?.homepage;
  const ids = m?.identifiers;
  const purls = ids?.purls ?? (typeof ids?.purl === "string" ? [ids.purl] : []);
  const licenses = licensesOf(m);
  return {
    attr,
    ...field("name", e.name),
    ...field("pname", e.pname),
    ...field("version", e.version),
    ...field("description", m?.description),
    ...(licenses !== undefined ? { licenses } : {}),
    homepages: (typeof homepage === "string" ? [homepage] : (homepage ?? [])).filter((h) => h !== ""),
    ...field("cpe", ids?.cpe),
    purls: purls.filter((p) => p !== ""),
  };
}

/**
 * Parses nixpkgs metadata into an index by output path (the only join key: names repeat across
 * versions and systems). Linear: one schema pass, one index entry per listed output; entries are
 * converted when looked up. Malformed files are located issues (file, pointer, line:column).
 */
export function parseMeta(text: string, origin: string): Result<MetaIndex, InputIssue[]> {
  const doc = parseJsonDocument(text, origin, WHAT, DEPTH);
  if (!doc.ok) return doc;
  let entries: Record<string, MetaEntry>;
  if (isMetaDocument(doc.value)) entries = doc.value;
  else {
    const parsed = MetaDocumentSchema.safeParse(doc.value);
    if (parsed.success) entries = parsed.data;
    else {
      const issues = zodIssues(parsed.error, origin, "", doc.value).slice(0, MAX_ISSUES);
      return err(
        withPositions(
          text,
          issues.map((i) => ({ ...i, expected: i.expected ?? WHAT, next: NEXT })),
        ),
      );
    }
  }
  const byOutput = new Map<string, string>();
  const issues: InputIssue[] = [];
  let count = 0;
  for (const [attr, e] of Object.entries(entries)) {
    count++;
    for (const [output, path] of Object.entries(e.outputs ?? {})) {
      if (path === null) continue;
      const sp = parseStorePath(path);
      if (!sp.ok) {
        if (issues.length < MAX_ISSUES)
          issues.push({
            origin,
            pointer: `/${esc(attr)}/outputs/${esc(output)}`,
            message: `not a store path: ${sp.error}`,
            next: NEXT,
          });
        continue;
      }
      byOutput.set(path, attr);
    }
  }
  if (issues.length === 0 && count > 0 && byOutput.size === 0)
    issues.push({
      origin,
      pointer: "",
      message: "no entry lists its output paths, so none can be joined to a closure",
      next: NEXT,
    });
  if (issues.length > 0) return err(withPositions(text, issues));
  return ok({
    size: byOutput.size,
    keys: () => byOutput.keys(),
    get: (path) => {
      const attr = byOutput.get(path);
      const e = attr !== undefined ? entries[attr] : undefined;
      return attr !== undefined && e !== undefined ? toMeta(attr, e) : undefined;
    },
  });
}
