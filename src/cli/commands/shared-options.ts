import type { Env } from "../io.js";

/** Every flag has a FLAKE_AUDIT_* twin: `--spec` ↔ FLAKE_AUDIT_SPEC. The flag wins. */
export function envDefault(env: Env, flag: string): string | undefined {
  const v = env[`FLAKE_AUDIT_${flag.toUpperCase().replace(/-/g, "_")}`];
  return v === undefined || v === "" ? undefined : v;
}

export function envFlag(env: Env, flag: string): boolean {
  const v = envDefault(env, flag);
  return v !== undefined && v !== "0" && v.toLowerCase() !== "false";
}
