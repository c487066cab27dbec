/**
 * Bounds on a policy's shape, checked before anything recursive (JSON.parse, zod, error locating) sees
 * it: a policy can come from a pull request, and deep nesting overflows the stack (exit 70) where the
 * user should get a clear invalid-input error (exit 3). A real policy nests about six levels.
 */
export const MAX_POLICY_DEPTH = 64;

/** YAML aliases expanded at most this many times (the `yaml` package's guard against billion laughs). */
export const MAX_ALIAS_COUNT = 100;

/** The offset in JSON text where arrays and objects first nest deeper than MAX_POLICY_DEPTH, if they do. */
export function jsonTooDeepAt(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_POLICY_DEPTH) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** The path to the first value nested deeper than MAX_POLICY_DEPTH in parsed data, if any; iterative. */
export function dataTooDeepAt(data: unknown): Array<string | number> | undefined {
  const work: Array<{ value: unknown; path: Array<string | number> }> = [{ value: data, path: [] }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const { value, path } = item;
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_POLICY_DEPTH) return path;
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((v, i): [number, unknown] => [i, v])
      : Object.entries(value);
    for (const [k, v] of entries) work.push({ value: v, path: [...path, k] });
  }
  return undefined;
}
