import { closest, distance } from "fastest-levenshtein";

/** How far a typo may be from a flag and still be taken for it: a third of its length, at least 1. */
const nearEnough = (typed: string, flag: string): boolean =>
  distance(typed, flag) <= Math.max(1, Math.floor(flag.length / 3));

/** The flag nearest a mistyped one, when one is near enough to be what was meant. */
export function nearestFlag(typed: string, flags: readonly string[]): string | undefined {
  // One-letter aliases (-o, -q) are near everything short.
  const long = flags.filter((f) => f.length > 1);
  if (long.length === 0) return undefined;
  const best = closest(typed, long);
  return nearEnough(typed, best) ? best : undefined;
}

/**
 * yargs' "Unknown argument(s): a, b" with the nearest flag of the command for each, e.g.
 * `Unknown argument: lockonly (did you mean --lock-only?)`; any other message as it was.
 */
export function withSuggestions(message: string, flags: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (m?.[1] === undefined) return message;
  // yargs names a mistyped `--lock-onlyy` twice, also as `lockOnlyy`: the camel-case copy goes.
  const said = new Set(m[1].split(", "));
  const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const typos = [...said].filter((t) => kebab(t) === t || !said.has(kebab(t)));
  const pairs = typos.flatMap((typed) => {
    const near = nearestFlag(typed.replace(/^-+/, ""), flags);
    return near !== undefined ? [{ typed, near }] : [];
  });
  if (pairs.length === 0) return message;
  const hints = pairs.map((p) => (typos.length === 1 ? `--${p.near}` : `--${p.near} for ${p.typed}`));
  return `${typos.length === 1 ? "Unknown argument" : "Unknown arguments"}: ${typos.join(", ")} (did you mean ${hints.join(", ")}?)`;
}
