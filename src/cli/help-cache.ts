/**
 * yargs renders the chosen command's whole help just after it calls the handler, to keep it ready
 * should the handler ask to show it. Ours never do (usage errors go through `.fail`, which prints a
 * one-line hint, and `--help` itself never reaches a handler), yet cliui measures the width of every
 * string of that help: about a fifth of a small run's CPU time. So the cache is turned off.
 *
 * `getInternalMethods` is yargs' own hook (not in its types): every step is checked, so a yargs that
 * changes it leaves the CLI as it was, only slower (test/cli/help-cache.test.ts notices).
 */
export function skipHelpCache(y: object): boolean {
  if (!("getInternalMethods" in y) || typeof y.getInternalMethods !== "function") return false;
  const internal: unknown = y.getInternalMethods();
  if (typeof internal !== "object" || internal === null || !("getUsageInstance" in internal)) return false;
  if (typeof internal.getUsageInstance !== "function") return false;
  const usage: unknown = internal.getUsageInstance();
  if (typeof usage !== "object" || usage === null || !("cacheHelpMessage" in usage)) return false;
  usage.cacheHelpMessage = () => {};
  return true;
}
