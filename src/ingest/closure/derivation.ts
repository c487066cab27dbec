import { derivationSet, type Derivation, type DerivationSet } from "../../domain/nix/derivation.js";
import { err, ok, type Result } from "../../domain/result.js";
import { DEFAULT_STORE_DIR, parseStorePath } from "../../domain/nix/store-path.js";
import { describeReceived, escapePointerToken as esc, type InputIssue } from "../issues.js";
import { parseJsonDocument, withPositions } from "../json-document.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
const NEXT = "pass the output of `nix show-derivation -r` (Nix ≤ 2.14) or `nix derivation show -r` (2.15+)";

/**
 * Parses derivation JSON of every version (nix-formats.md §6.4): a map of .drv path → derivation
 * (full paths up to 2.31 and Lix, base names in 2.32), or `{version: 4, derivations: {…}}` (2.33+);
 * inputSrcs/inputDrvs at top level or under `inputs`; inputDrvs values as output lists or objects.
 */
export function parseDerivations(
  text: string,
  origin: string,
  storeDir = DEFAULT_STORE_DIR,
): Result<DerivationSet, InputIssue[]> {
  const doc = parseJsonDocument(text, origin, "`nix derivation show -r` output");
  if (!doc.ok) return doc;
  if (!isObj(doc.value))
    return err([
      {
        origin,
        pointer: "",
        message: "derivation JSON must be an object",
        received: describeReceived(doc.value),
        next: NEXT,
      },
    ]);
  const top = doc.value;
  const inner = top["derivations"];
  const wrapped = typeof top["version"] === "number" && isObj(inner);
  const map = wrapped ? inner : top;
  const base = wrapped ? "/derivations" : "";
  const full = (p: string): string => (p.startsWith("/") ? p : `${storeDir}/${p}`);
  const issues: InputIssue[] = [];
  const drvs: Derivation[] = [];
  for (const [key, raw] of Object.entries(map)) {
    const pointer = `${base}/${esc(key)}`;
    const path = full(key);
    const sp = parseStorePath(path);
    if (!sp.ok || !path.endsWith(".drv") || !isObj(raw)) {
      issues.push({
        origin,
        pointer,
        message: `expected a .drv store path mapped to a derivation object`,
        received: describeReceived(isObj(raw) ? key : raw),
        next: NEXT,
      });
      continue;
    }
    const inputs = isObj(raw["inputs"]) ? raw["inputs"] : undefined;
    const srcs = inputs?.["srcs"] ?? raw["inputSrcs"] ?? [];
    const drvsIn = inputs?.["drvs"] ?? raw["inputDrvs"] ?? {};
    const outputs = raw["outputs"] ?? {};
    if (!isStringArray(srcs) || !isObj(drvsIn) || !isObj(outputs)) {
      issues.push({ origin, pointer, message: "derivation has malformed inputSrcs, inputDrvs or outputs", next: NEXT });
      continue;
    }
    const inputDrvs = new Map<string, string[]>();
    for (const [d, v] of Object.entries(drvsIn)) {
      const outs = Array.isArray(v) ? v : isObj(v) && Array.isArray(v["outputs"]) ? v["outputs"] : [];
      inputDrvs.set(
        full(d),
        outs.filter((o): o is string => typeof o === "string"),
      );
    }
    const outs = new Map<string, string | undefined>();
    for (const [name, v] of Object.entries(outputs))
      outs.set(name, isObj(v) && typeof v["path"] === "string" ? full(v["path"]) : undefined);
    const name = typeof raw["name"] === "string" ? raw["name"] : undefined;
    drvs.push({
      path,
      ...(name !== undefined ? { name } : {}),
      outputs: outs,
      inputSrcs: srcs.map(full),
      inputDrvs,
    });
  }
  if (issues.length > 0) return err(withPositions(text, issues));
  return ok(derivationSet(drvs));
}
