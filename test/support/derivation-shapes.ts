import { parseHash, toSri } from "../../src/domain/nix/hash.js";

/**
 * Derivation JSON of later Nix versions made from `nix show-derivation -r` of Nix 2.8, following
 * nix-formats.md §6.4 and Nix's src/libstore-tests/data/derivation/ at the 2.18, 2.31, 2.32 and HEAD
 * tags (simple-derivation.json, output-caFixed*.json): what each version prints for the same derivations.
 */
type Output = { path?: string; hashAlgo?: string; hash?: string; method?: string };
export type Drv28 = {
  outputs: Record<string, Output>;
  inputSrcs: string[];
  inputDrvs: Record<string, string[]>;
  env: Record<string, string>;
  [k: string]: unknown;
};
type Doc = Record<string, Drv28>;

const base = (p: string): string => p.slice(p.lastIndexOf("/") + 1);
const mapEntries = <T>(o: Record<string, T>, f: (k: string, v: T) => [string, unknown]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => f(k, v)));
const storeName = (drvPath: string): string => base(drvPath).slice(33, -4);

/** 2.18–2.22 and Lix: `name`, inputDrvs values as `{outputs, dynamicOutputs}`. */
export const to218 = (d: Doc) =>
  mapEntries(d, (k, v) => [
    k,
    {
      ...v,
      name: storeName(k),
      inputDrvs: mapEntries(v.inputDrvs, (dk, outs) => [dk, { outputs: outs, dynamicOutputs: {} }]),
    },
  ]);

// ≤ 2.22 prefix the method to hashAlgo; 2.23 split it into `method`.
const splitMethod = (o: Output): Output => {
  if (o.hashAlgo === undefined || o.hash === undefined) return o;
  const [method, algo] = o.hashAlgo.startsWith("r:")
    ? ["nar", o.hashAlgo.slice(2)]
    : o.hashAlgo.startsWith("text:")
      ? ["text", o.hashAlgo.slice(5)]
      : ["flat", o.hashAlgo];
  return { ...o, method, hashAlgo: algo };
};

/** 2.23–2.31: fixed outputs as `{path, method, hashAlgo, hash: <hex>}`. */
export const to231 = (d: Doc) =>
  mapEntries(to218(d) as Doc, (k, v) => [k, { ...v, outputs: mapEntries(v.outputs, (o, x) => [o, splitMethod(x)]) }]);

/** 2.32 (version 3): base names everywhere; fixed outputs lose `path`. */
export const to232 = (d: Doc) =>
  mapEntries(to231(d) as Doc, (k, v) => [
    base(k),
    {
      ...v,
      version: 3,
      inputSrcs: v.inputSrcs.map(base),
      outputs: mapEntries(v.outputs, (o, x) => {
        if (x.hash !== undefined) {
          const { path: _dropped, ...rest } = x;
          return [o, rest];
        }
        return [o, x.path !== undefined ? { path: base(x.path) } : {}];
      }),
      inputDrvs: mapEntries(v.inputDrvs as unknown as Record<string, unknown>, (dk, x) => [base(dk), x]),
    },
  ]);

/** 2.33+ (version 4): `{version: 4, derivations}`, `inputs.srcs`/`inputs.drvs`, fixed hashes as SRI. */
export const to233 = (d: Doc) => ({
  version: 4,
  derivations: mapEntries(to232(d) as Doc, (k, v) => {
    const { inputSrcs, inputDrvs, ...rest } = v;
    const outputs = mapEntries(v.outputs, (o, x) => {
      if (x.hash === undefined) return [o, x];
      const h = parseHash(x.hash, x.hashAlgo as "sha256");
      if (!h.ok) throw new Error(h.error);
      return [o, { method: x.method, hash: toSri(h.value) }];
    });
    return [k, { ...rest, outputs, version: 4, inputs: { srcs: inputSrcs, drvs: inputDrvs } }];
  }),
});

export const SHAPES = [
  ["2.18–2.22 / Lix (inputDrvs objects)", to218],
  ["2.23–2.31 (method and hashAlgo)", to231],
  ["2.32 (version 3, base names, fixed outputs without path)", to232],
  ["2.33+ (version 4, inputs.srcs/drvs, SRI)", to233],
] as const;
