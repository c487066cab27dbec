/** The `code` of a Node system error (ENOENT, ENOSPC, …), without a cast. */
export function errnoCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null || !("code" in e)) return undefined;
  return typeof e.code === "string" ? e.code : undefined;
}
