import type { Config } from "../ingest/config/config.js";
import { InputError } from "./errors.js";
import type { Files } from "./ports.js";

/** A --config file, parsed; a bad one is exit 3 with every issue and its line:column. */
export async function readConfig(files: Files, path: string): Promise<Config> {
  const file = await files.readText(path);
  // yaml and zod load only when there is a configuration file.
  const { parseConfig } = await import("../ingest/config/config.js");
  const parsed = parseConfig(file.text, file.displayPath);
  if (!parsed.ok) throw new InputError(parsed.error);
  return parsed.value;
}
