/**
 * Bounds on a configuration document's shape (policies, fleet files), checked before anything
 * recursive (zod, error locating) sees it: such a file can come from a pull request or a shared
 * repository, and deep nesting overflows the stack (exit 70) where the user should get a clear
 * invalid-input error (exit 3). A real policy or fleet file nests about six levels.
 */
export const MAX_DOCUMENT_DEPTH = 64;

/** YAML aliases expanded at most this many times (the `yaml` package's guard against billion laughs). */
export const MAX_ALIAS_COUNT = 100;

/** The path to the first value nested deeper than MAX_DOCUMENT_DEPTH in parsed data, if any; iterative. */
export function dataTooDeepAt(data: unknown): Array<string | number> | undefined {
  const work: Array<{ value: unknown; path: Array<string | number> }> = [{ value: data, path: [] }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const { value, path } = item;
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_DOCUMENT_DEPTH) return path;
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((v, i): [number, unknown] => [i, v])
      : Object.entries(value);
    for (const [k, v] of entries) work.push({ value: v, path: [...path, k] });
  }
  return undefined;
}
