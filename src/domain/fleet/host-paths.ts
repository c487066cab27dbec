import { parseStorePath } from "../nix/store-path.js";
import type { HostSystem } from "./generations.js";

const MAX_QUOTED = 120;

/**
 * Text a host (or report) sent, quoted for a message: clipped, and every character outside printable
 * ASCII written as `\uXXXX`, so that a terminal control sequence, a bidi override or a newline can
 * neither act nor forge a line wherever the message is shown.
 */
export function quoteAnswer(text: string): string {
  const clipped = text.length > MAX_QUOTED ? text.slice(0, MAX_QUOTED) : text;
  const body = clipped.replace(/[^\x20-\x7e]|["\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `"${body}${text.length > MAX_QUOTED ? `…" (${text.length} characters)` : '"'}`;
}

/**
 * Why `text`, which a host gave as the target of one of its links, is not a store path of `storeDir`;
 * undefined when it is one. Only such a path is ever handed to nix: a host that answers `path:/dir#x`,
 * `--version` or `/nix/store/../etc` would otherwise have the auditor's nix copy, evaluate or act on it.
 */
export function hostPathProblem(text: string, what: string, storeDir: string): string | undefined {
  const parsed = parseStorePath(text, storeDir);
  if (parsed.ok) return undefined;
  return `${what} is ${quoteAnswer(text)}, which is not a store path in ${storeDir}; nothing was asked of nix`;
}

/** The first link target of a host's system and generations that is not a store path of `storeDir`. */
export function hostSystemProblem(hs: HostSystem, storeDir: string): string | undefined {
  const sys = hostPathProblem(hs.system, "the system the host names", storeDir);
  if (sys !== undefined) return sys;
  for (const g of hs.generations) {
    const bad = hostPathProblem(g.path, `the target of generation ${g.number}`, storeDir);
    if (bad !== undefined) return bad;
  }
  return undefined;
}
