import type { Argv } from "yargs";
import { UsageError } from "../app/errors.js";
import { stripControls } from "../render/escape.js";
import { envName } from "./commands/shared-options.js";
import type { Env } from "./io.js";

/** The part of yargs' option table this file reads: option names by kind, and their choices. */
interface OptionTable {
  readonly key: Readonly<Record<string, unknown>>;
  readonly boolean: readonly string[];
  readonly number: readonly string[];
  readonly array: readonly string[];
  readonly choices: Readonly<Record<string, readonly unknown[]>>;
}

// yargs has the table at run time (`getOptions`, what its own help and completion read); @types/yargs
// leaves the method out, so this checks that it is there before calling it.
const hasOptionTable = (y: object): y is { getOptions(): OptionTable } =>
  typeof Reflect.get(y, "getOptions") === "function";

/** The options a command has, by name: what yargs has been told so far, or nothing if it cannot say. */
export function optionTable(y: object): OptionTable | undefined {
  return hasOptionTable(y) ? y.getOptions() : undefined;
}

/** Options that are not flags of a command: yargs' own, and the positional arguments. */
const NOT_FLAGS: ReadonlySet<string> = new Set(["help", "version"]);

/** The positional arguments named in a command string: `diff [old] [new]` → old, new. */
export const positionalsOf = (command: string): string[] =>
  [...command.matchAll(/[[<]([a-z][a-z0-9-]*)(?:\.\.)?[\]>]/g)].flatMap((m) => (m[1] !== undefined ? [m[1]] : []));

/** The flags of a command, from its option table: every option but help, version and its positionals. */
export function flagsOf(table: OptionTable, command: string): string[] {
  const positionals = new Set(positionalsOf(command));
  return Object.keys(table.key).filter((k) => !NOT_FLAGS.has(k) && !positionals.has(k));
}

const bad = (flag: string, expected: string, found: string): UsageError =>
  new UsageError(`${envName(flag)} must be ${expected}; found '${stripControls(found)}'`);

/** An env twin's text as the value the flag would have given, checked the way yargs checks the flag. */
function twinValue(table: OptionTable, flag: string, text: string): unknown {
  if (table.boolean.includes(flag)) return text !== "0" && text.toLowerCase() !== "false";
  const words = table.array.includes(flag) ? text.split(/\s+/).filter((w) => w !== "") : [text];
  const values = table.number.includes(flag) ? words.map(Number) : words;
  if (values.some((v) => typeof v === "number" && Number.isNaN(v))) throw bad(flag, "a number", text);
  const choices = table.choices[flag];
  if (choices !== undefined && values.some((v) => !choices.includes(v)))
    throw bad(flag, `one of ${choices.join(", ")}`, text);
  return table.array.includes(flag) ? values : values[0];
}

/**
 * Every flag of a command gets its environment twin: `--sbom-dir` ↔ FLAKE_AUDIT_SBOM_DIR, set as the
 * flag's default, so the flag wins. Run after the command's builder, over whatever options it
 * declared: no option can be added without a twin. Positional arguments have none.
 */
export function withEnvTwins<T>(y: Argv<T>, env: Env, command: string): Argv<T> {
  const table = optionTable(y);
  if (table === undefined) return y;
  for (const flag of flagsOf(table, command)) {
    const text = env[envName(flag)];
    // yargs sets the default on this instance; its typed return would forget the command's other options.
    if (text !== undefined && text !== "") y.default(flag, twinValue(table, flag, text));
  }
  return y;
}
