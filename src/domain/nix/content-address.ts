import { parseHash, toNix32, type Hash } from "./hash.js";
import { err, ok, type Result } from "../result.js";

/** How a content-addressed store object was hashed: `nar` (recursive), `flat`, `text` or `git`. */
export type CaMethod = "nar" | "flat" | "text" | "git";

/** A store object's content address, e.g. `{ method: "nar", hash: <sha256> }` for `fixed:r:sha256:…`. */
export interface ContentAddress {
  readonly method: CaMethod;
  readonly hash: Hash;
}

/** Parses Nix's text form: `fixed:r:sha256:<h>`, `fixed:sha256:<h>`, `fixed:git:sha1:<h>`, `text:sha256:<h>`. */
export function parseContentAddress(text: string): Result<ContentAddress, string> {
  let method: CaMethod;
  let rest: string;
  if (text.startsWith("text:")) [method, rest] = ["text", text.slice(5)];
  else if (text.startsWith("fixed:r:")) [method, rest] = ["nar", text.slice(8)];
  else if (text.startsWith("fixed:git:")) [method, rest] = ["git", text.slice(10)];
  else if (text.startsWith("fixed:")) [method, rest] = ["flat", text.slice(6)];
  else return err("expected text:…, fixed:…, fixed:r:… or fixed:git:…");
  const hash = parseHash(rest);
  return hash.ok ? ok({ method, hash: hash.value }) : err(hash.error);
}

const PREFIX: Readonly<Record<CaMethod, string>> = {
  text: "text:",
  nar: "fixed:r:",
  git: "fixed:git:",
  flat: "fixed:",
};

/** Nix's text form, as `.narinfo` files carry it: `fixed:r:sha256:<nix32>`. */
export const formatContentAddress = (ca: ContentAddress): string =>
  `${PREFIX[ca.method]}${ca.hash.algo}:${toNix32(ca.hash.bytes)}`;
