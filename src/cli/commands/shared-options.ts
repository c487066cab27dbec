import { UsageError } from "../../app/errors.js";
import { stripControls } from "../../render/escape.js";
import type { Env } from "../io.js";
import { FAIL_ON, type FailOn } from "./fail-on.js";

/** The environment twin of a flag: `--sbom-dir` ↔ FLAKE_AUDIT_SBOM_DIR. */
export const envName = (flag: string): string => `FLAKE_AUDIT_${flag.toUpperCase().replace(/-/g, "_")}`;

/**
 * A flag's twin read where a builder needs it early (the global --quiet, choices checked with their
 * own message); cli/env-twins.ts gives every flag of every command its twin. The flag wins.
 */
export function envDefault(env: Env, flag: string): string | undefined {
  const v = env[envName(flag)];
  return v === undefined || v === "" ? undefined : v;
}

export function envFlag(env: Env, flag: string): boolean {
  const v = envDefault(env, flag);
  return v !== undefined && v !== "0" && v.toLowerCase() !== "false";
}

const isOneOf = <C extends string>(choices: readonly C[], value: string): value is C => {
  const known: readonly string[] = choices;
  return known.includes(value);
};

/** The env twin of a flag with choices, checked like the flag would be. */
export function envChoice<C extends string>(env: Env, flag: string, choices: readonly C[]): C | undefined {
  const v = envDefault(env, flag);
  if (v === undefined || isOneOf(choices, v)) return v;
  throw new UsageError(`${envName(flag)} must be one of ${choices.join(", ")}; found '${stripControls(v)}'`);
}

// The options several commands share, as yargs option definitions: one wording, one env twin.

export const outputOption = {
  alias: "o",
  type: "string",
  describe: "write to FILE atomically instead of stdout",
} as const;

export const formatOption = <F extends string>(
  env: Env,
  choices: readonly F[],
  fallback: F,
  describe = "output format",
) => ({ type: "string", choices, default: envChoice(env, "format", choices) ?? fallback, describe }) as const;

export const failOnOption = (env: Env, fallback: FailOn) =>
  ({
    type: "string",
    choices: FAIL_ON,
    default: envChoice(env, "fail-on", FAIL_ON) ?? fallback,
    describe: "exit 1 when a finding is at or above this severity",
  }) as const;

export const lockOnlyOption = (env: Env) =>
  ({ type: "boolean", default: envFlag(env, "lock-only"), describe: "no upstream facts" }) as const;

export const nowOption = (describe: string) => ({ type: "string", describe }) as const;

/** --now: the instant a command's ages and expiries are counted to, in place of the clock. */
export function parseNow(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  if (Number.isNaN(d.getTime()))
    throw new UsageError(`--now must be an ISO 8601 date or time, found '${stripControls(text)}'`);
  return d;
}

/** The --format choices of a command's renderer table, in the table's order. */
export const formatsOf = <R extends object>(table: R): Array<Extract<keyof R, string>> =>
  Object.keys(table).filter((k): k is Extract<keyof R, string> => Object.hasOwn(table, k));
