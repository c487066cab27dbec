import type { CaMethod, ContentAddress } from "../../domain/nix/content-address.js";
import type { DerivationAttr, DerivationEnv } from "../../domain/nix/derivation.js";
import { makeFixedOutputPath, outputPathName } from "../../domain/nix/fixed-output.js";
import { isHashAlgo, parseHash } from "../../domain/nix/hash.js";
import { formatStorePath } from "../../domain/nix/store-path.js";
import { err, ok, type Result } from "../../domain/result.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

// `hashAlgo` before Nix 2.23 carries the method as a prefix ("r:sha256", "text:sha256", "git:sha1").
const PREFIXES: readonly [string, CaMethod][] = [
  ["r:", "nar"],
  ["text:", "text"],
  ["git:", "git"],
];
const METHODS: Readonly<Record<string, CaMethod>> = { nar: "nar", flat: "flat", text: "text", git: "git" };

/**
 * The fixed content address of one output spec, in every shape Nix wrote (nix-formats.md §6.4;
 * Nix's src/libstore-tests/data/derivation/output-caFixed*.json at 2.31, 2.32 and HEAD):
 * ≤ 2.22 `{path, hashAlgo: "r:sha256", hash: <hex>}`; 2.23–2.31 `{path, method, hashAlgo, hash: <hex>}`;
 * 2.32 the same without `path`; 2.33+ `{method, hash: "sha256-…"}`. Undefined when the output is not
 * fixed (no `hash`: input-addressed, floating, impure, deferred); a reason when it is malformed.
 */
export function fixedOutputOf(spec: Obj): Result<ContentAddress | undefined, string> {
  const hash = spec["hash"];
  if (hash === undefined) return ok(undefined);
  if (typeof hash !== "string") return err("an output's `hash` must be a string");
  const algoField = spec["hashAlgo"];
  const methodField = spec["method"];
  if (algoField !== undefined && typeof algoField !== "string") return err("an output's `hashAlgo` must be a string");
  let method: CaMethod = "flat";
  let algo = algoField;
  if (methodField !== undefined) {
    const m = typeof methodField === "string" ? METHODS[methodField] : undefined;
    if (m === undefined) return err(`unknown output method ${JSON.stringify(methodField)}`);
    method = m;
  } else if (algo !== undefined) {
    for (const [prefix, m] of PREFIXES)
      if (algo.startsWith(prefix)) {
        method = m;
        algo = algo.slice(prefix.length);
      }
  }
  if (algo !== undefined && !isHashAlgo(algo)) return err(`unknown hash algorithm ${JSON.stringify(algo)}`);
  const parsed = parseHash(hash, algo);
  if (!parsed.ok) return err(`output hash: ${parsed.error}`);
  if (algo !== undefined && parsed.value.algo !== algo)
    return err(`output hash is ${parsed.value.algo} but hashAlgo says ${algo}`);
  return ok({ method, hash: parsed.value });
}

/** Where an output lands: its written path, or the computed fixed-output path when Nix wrote none. */
export function outputPath(
  spec: Obj,
  ca: ContentAddress | undefined,
  drvName: string,
  output: string,
  storeDir: string,
  full: (p: string) => string,
): Result<string | undefined, string> {
  const written = spec["path"];
  if (typeof written === "string") return ok(full(written));
  if (ca === undefined) return ok(undefined);
  const p = makeFixedOutputPath(outputPathName(drvName, output), ca, storeDir);
  return p.ok ? ok(formatStorePath(p.value)) : err(p.error);
}

const attrOf = (v: unknown): DerivationAttr | undefined =>
  typeof v === "string" ? v : Array.isArray(v) && v.every((s) => typeof s === "string") ? v : undefined;

/**
 * A derivation's attributes over its parsed `env` (not copied: 30,000 derivations share the parsed
 * document). Structured attrs come from `structuredAttrs` (Nix 2.30+) or the `__json` string
 * (earlier), parsed on first use: JSON.parse is linear, and only top-level strings and string lists
 * are read, so nesting cannot hurt; malformed `__json` reads as no attributes.
 */
export function derivationEnv(env: Obj, structured: unknown): DerivationEnv {
  let attrs: Obj | undefined = isObj(structured) ? structured : undefined;
  let parsedJson = attrs !== undefined || typeof env["__json"] !== "string";
  const structuredAttrs = (): Obj | undefined => {
    if (!parsedJson) {
      parsedJson = true;
      try {
        const v: unknown = JSON.parse(env["__json"] as string); // checked by parsedJson's initialiser
        if (isObj(v)) attrs = v;
      } catch {
        attrs = undefined;
      }
    }
    return attrs;
  };
  return {
    get: (name) => {
      const s = structuredAttrs();
      if (s !== undefined && Object.hasOwn(s, name)) return attrOf(s[name]);
      return Object.hasOwn(env, name) ? attrOf(env[name]) : undefined;
    },
  };
}
