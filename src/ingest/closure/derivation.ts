import { derivationSet, type Derivation, type DerivationSet } from "../../domain/nix/derivation.js";
import { err, ok, type Result } from "../../domain/result.js";
import { DEFAULT_STORE_DIR, parseStorePath } from "../../domain/nix/store-path.js";
import type { ContentAddress } from "../../domain/nix/content-address.js";
import { derivationEnv, fixedOutputOf, outputPath } from "./derivation-output.js";
import { describeReceived, escapePointerToken as esc, type InputIssue } from "../issues.js";
import { parseJsonDocument, withPositions } from "../json-document.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
const NO_FIXED: ReadonlyMap<string, ContentAddress> = new Map();
const NEXT = "pass the output of `nix show-derivation -r` (Nix ≤ 2.14) or `nix derivation show -r` (2.15+)";

/**
 * Parses derivation JSON of every version (nix-formats.md §6.4): a map of .drv path → derivation
 * (full paths up to 2.31 and Lix, base names in 2.32), or `{version: 4, derivations: {…}}` (2.33+);
 * inputSrcs/inputDrvs at top level or under `inputs`; inputDrvs values as output lists or objects;
 * fixed outputs without a `path` (2.32+) get the path Nix computes for them.
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
        message: sp.ok
          ? "expected a .drv store path mapped to a derivation object"
          : `expected a .drv store path mapped to a derivation object: ${sp.error}`,
        received: describeReceived(isObj(raw) ? key : raw),
        next: NEXT,
      });
      continue;
    }
    const d = readDerivation(raw, path, sp.value.storeDir, sp.value.name.slice(0, -4), full);
    if (d.ok) drvs.push(d.value);
    else issues.push({ origin, pointer: `${pointer}${d.error.at}`, message: d.error.message, next: NEXT });
  }
  if (issues.length > 0) return err(withPositions(text, issues));
  return ok(derivationSet(drvs));
}

const stringValues = (o: Obj): boolean => {
  for (const k in o) if (typeof o[k] !== "string") return false;
  return true;
};

/** One derivation object of any version, or what is wrong with it and where (a pointer below the entry). */
function readDerivation(
  raw: Obj,
  path: string,
  storeDir: string,
  storeName: string,
  full: (p: string) => string,
): Result<Derivation, { at: string; message: string }> {
  const inputs = isObj(raw["inputs"]) ? raw["inputs"] : undefined;
  const srcs = inputs?.["srcs"] ?? raw["inputSrcs"] ?? [];
  const drvsIn = inputs?.["drvs"] ?? raw["inputDrvs"] ?? {};
  const outputs = raw["outputs"] ?? {};
  const env = raw["env"] ?? {};
  if (!isStringArray(srcs) || !isObj(drvsIn) || !isObj(outputs))
    return err({ at: "", message: "derivation has malformed inputSrcs, inputDrvs or outputs" });
  if (!isObj(env) || !stringValues(env))
    return err({ at: "/env", message: "a derivation's env maps names to strings" });
  const name = typeof raw["name"] === "string" ? raw["name"] : storeName;
  const inputDrvs = new Map<string, string[]>();
  for (const [d, v] of Object.entries(drvsIn)) {
    const outs = Array.isArray(v) ? v : isObj(v) && Array.isArray(v["outputs"]) ? v["outputs"] : [];
    inputDrvs.set(
      full(d),
      outs.filter((o): o is string => typeof o === "string"),
    );
  }
  const outs = new Map<string, string | undefined>();
  let fixed: Map<string, ContentAddress> | undefined;
  for (const [output, spec] of Object.entries(outputs)) {
    if (!isObj(spec)) return err({ at: `/outputs/${esc(output)}`, message: "an output must be an object" });
    const ca = fixedOutputOf(spec);
    if (!ca.ok) return err({ at: `/outputs/${esc(output)}`, message: ca.error });
    if (ca.value !== undefined) {
      fixed ??= new Map();
      fixed.set(output, ca.value);
    }
    const p = outputPath(spec, ca.value, name, output, storeDir, full);
    if (!p.ok) return err({ at: `/outputs/${esc(output)}`, message: p.error });
    outs.set(output, p.value);
  }
  return ok({
    path,
    name,
    outputs: outs,
    fixed: fixed ?? NO_FIXED,
    env: derivationEnv(env, raw["structuredAttrs"]),
    inputSrcs: srcs.map(full),
    inputDrvs,
  });
}
