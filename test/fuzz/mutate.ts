import fc from "fast-check";

/**
 * Mutations of JSON documents for the CLI fuzz suite. Each mutation carries a class label so a
 * failing class can be named (and, while another engineer fixes it, excluded) in one place.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface Mutated {
  /** The input class, e.g. `delete-key` or `deep-nesting`. */
  readonly kind: string;
  readonly text: string;
}

const HOSTILE_STRINGS = [
  "",
  "\u001b[31mred\u001b]8;;https://e.vil\u0007x",
  "\u202Eevil\u2066\u200B",
  "\ud800",
  "a\u2028b\u0000c",
  "../../../../etc/passwd",
  "<img src=x onerror=alert(1)>@admin #1",
  "/nix/store/00000000000000000000000000000000-x",
  "sha256-AAAA",
  "ö😀日本",
];

const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, 7),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const anyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }) },
);

/** Every path to an object member or array element, root first. */
function paths(v: Json, at: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  if (v === null || typeof v !== "object") return out;
  for (const [k, child] of Array.isArray(v) ? v.entries() : Object.entries(v)) {
    out.push([...at, k]);
    paths(child, [...at, k], out);
  }
  return out;
}

function parentOf(root: Json, path: ReadonlyArray<string | number>): Json {
  let v = root;
  for (const k of path.slice(0, -1)) {
    if (v === null || typeof v !== "object") return null;
    v = (Array.isArray(v) ? v[Number(k)] : v[String(k)]) ?? null;
  }
  return v;
}

function setAt(root: Json, path: ReadonlyArray<string | number>, value: Json | undefined): void {
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (parent === null || typeof parent !== "object" || key === undefined) return;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(Number(key), 1);
    else parent[Number(key)] = value;
  } else if (value === undefined) delete parent[String(key)];
  else parent[String(key)] = value;
}

const deepNesting = (depth: number): string => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/** One mutation of `doc`, chosen by `pick` (a number in [0, 1)) and `value`. */
function mutateOnce(doc: Json, pick: number, value: Json, kind: string): Json | string {
  const all = paths(doc);
  const target = all[Math.floor(pick * all.length)];
  if (target === undefined) return value;
  switch (kind) {
    case "delete-key":
      setAt(doc, target, undefined);
      return doc;
    case "replace-value":
      setAt(doc, target, value);
      return doc;
    case "wrong-type": {
      const old = parentOf(doc, [...target, 0]);
      setAt(doc, target, typeof old === "string" ? 42 : typeof old === "number" ? "42" : old === null ? {} : null);
      return doc;
    }
    case "huge-string":
      setAt(doc, target, "x".repeat(300_000));
      return doc;
    case "unicode":
      setAt(doc, target, "\u202E\ud83d\ude00\ud800\u0000\u2028");
      return doc;
    case "deep-nesting":
      // Text, not a value: JSON.stringify itself would overflow building it.
      return JSON.stringify(doc).replace(/null|true|false|\d+/, deepNesting(20_000));
    default:
      return doc;
  }
}

export const MUTATIONS = [
  "delete-key",
  "replace-value",
  "wrong-type",
  "huge-string",
  "unicode",
  "deep-nesting",
] as const;

/** 1–3 mutations of a parsed document, or a text-level corruption of its text. */
export function mutatedJson(original: Json): fc.Arbitrary<Mutated> {
  const structural = fc
    .array(
      fc.tuple(fc.constantFrom(...MUTATIONS), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), anyValue),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((steps) => {
      let doc: Json = structuredClone(original);
      const kinds: string[] = [];
      for (const [kind, pick, value] of steps) {
        kinds.push(kind);
        const next = mutateOnce(doc, pick, value, kind);
        if (typeof next === "string" && kind === "deep-nesting") return { kind: kinds.join("+"), text: next };
        doc = typeof next === "string" ? next : next;
      }
      return { kind: kinds.join("+"), text: JSON.stringify(doc, null, 2) };
    });
  const text = JSON.stringify(original, null, 2);
  const textual = fc.oneof(
    fc.nat(text.length).map((n) => ({ kind: "truncated", text: text.slice(0, n) })),
    fc.constant({ kind: "not-json", text: "nodes = {\n" }),
    fc.constant({ kind: "empty", text: "" }),
    fc.constant({ kind: "deep-nesting", text: deepNesting(100_000) }),
  );
  return fc.oneof({ weight: 4, arbitrary: structural }, { weight: 1, arbitrary: textual });
}
