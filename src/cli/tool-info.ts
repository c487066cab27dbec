import { createRequire } from "node:module";
import { InternalError } from "../app/errors.js";
import type { ToolInfo } from "../domain/report.js";

const require = createRequire(import.meta.url);

const isToolInfo = (v: unknown): v is ToolInfo =>
  typeof v === "object" &&
  v !== null &&
  "name" in v &&
  typeof v.name === "string" &&
  "version" in v &&
  typeof v.version === "string";

/** The tool's name and version, from its package.json (two directories up, in src/ as in dist/bin/). */
export function toolInfo(): ToolInfo {
  const pkg: unknown = require("../../package.json");
  if (!isToolInfo(pkg)) throw new InternalError("package.json has no name and version");
  return { name: pkg.name, version: pkg.version };
}
