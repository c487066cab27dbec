import type { PathInfoShape } from "../../domain/closure/closure.js";
import { DEFAULT_STORE_DIR } from "../../domain/nix/store-path.js";
import { describeReceived, escapePointerToken as esc, type InputIssue } from "../issues.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export interface RawEntry {
  readonly path: string;
  /** Array index or object key under `info` / the top level; the pointer is made only for an issue. */
  readonly at: string | number;
  readonly value: unknown;
}

export const pointerOf = (shape: PathInfoShape, at: string | number): string =>
  typeof at === "number" ? `/${at}` : shape === "format-2" || shape === "format-3" ? `/info/${esc(at)}` : `/${esc(at)}`;

/**
 * The entries of a document, each with its full store path and where it sits, one at a time (a
 * closure has 100,000: no array of them is built). Invalid paths go to `invalid`.
 */
export function* entriesOf(
  doc: unknown,
  shape: PathInfoShape,
  origin: string,
  issues: InputIssue[],
  invalid: string[],
): Generator<RawEntry> {
  if (shape === "list") {
    const list = Array.isArray(doc) ? doc : [];
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      const entry = isObj(e) ? e : undefined;
      const path = entry?.["path"];
      if (typeof path !== "string")
        issues.push({
          origin,
          pointer: pointerOf(shape, i),
          message: "an entry of a path-info array has no 'path'",
          expected: '{"path": "/nix/store/…", "narHash": …}',
          received: describeReceived(e),
        });
      else if (entry?.["valid"] === false) invalid.push(path);
      else yield { path, at: i, value: e };
    }
    return;
  }
  if (shape === "format-2" || shape === "format-3") {
    const top = isObj(doc) ? doc : {};
    const storeDir = typeof top["storeDir"] === "string" ? top["storeDir"] : DEFAULT_STORE_DIR;
    const inner = top["info"];
    const info = isObj(inner) ? inner : {};
    for (const base in info) {
      const v = info[base];
      if (v === null) invalid.push(`${storeDir}/${base}`);
      else yield { path: `${storeDir}/${base}`, at: base, value: v };
    }
    return;
  }
  const map = isObj(doc) ? doc : {};
  for (const path in map) {
    const v = map[path];
    if (v === null) invalid.push(path);
    else yield { path, at: path, value: v };
  }
}
