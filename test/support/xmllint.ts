import { execFileSync, spawnSync } from "node:child_process";

/** Debian's libxml2-utils: `xmllint --noout` is the well-formedness check every XML the tests write must pass. */
function probe(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const hasXmllint = probe();

/** Under FLAKE_AUDIT_REQUIRE_NIX=1 (CI, as for nix and sshd) a missing xmllint is a failure, not a skip. */
export function reportXmllintSkip(suite: string): void {
  if (hasXmllint) return;
  if (process.env["FLAKE_AUDIT_REQUIRE_NIX"] === "1")
    throw new Error(`${suite}: xmllint is required (FLAKE_AUDIT_REQUIRE_NIX=1) but not installed`);
  console.warn(`SKIPPED: ${suite} needs xmllint (apt-get install libxml2-utils); it is not installed`);
}

/** xmllint's complaints about a document, or "" when it is well-formed. The text goes in as UTF-8 on stdin. */
export function xmllintErrors(xml: string): string {
  const r = spawnSync("xmllint", ["--noout", "-"], { input: xml, encoding: "utf8" });
  if (r.error !== undefined) throw r.error;
  return r.status === 0 ? "" : `exit ${r.status}: ${r.stderr}`;
}
