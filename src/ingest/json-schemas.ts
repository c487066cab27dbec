import { z } from "zod";
import { FlakeLockSchema } from "./lock/flake-lock.schema.js";
import { PolicySchema } from "./policy/policy.schema.js";
import { fleetJsonSchemas } from "./fleet/json-schemas.js";
import { MetaDocumentSchema } from "./meta/meta.schema.js";
import { ConfigSchema } from "./config/config.schema.js";

// Relative: each schema's $id is its own file name, resolved against wherever it is read from (the
// package's schemas/, a checkout, the repository's raw files once published), never a made-up host.
const ID_BASE = "";

/**
 * The JSON Schemas committed in schemas/, generated from the zod schemas that parse the same
 * documents. test/schemas.test.ts fails when a committed file is stale; `npm test -- -u` rewrites it.
 */
export function jsonSchemas(): Record<string, object> {
  const flakeLock = z.toJSONSchema(FlakeLockSchema, { target: "draft-2020-12", io: "input" });
  const policy = z.toJSONSchema(PolicySchema, { target: "draft-2020-12", io: "input" });
  const meta = z.toJSONSchema(MetaDocumentSchema, { target: "draft-2020-12", io: "input" });
  return {
    ...fleetJsonSchemas(ID_BASE),
    "nixpkgs-meta.schema.json": {
      ...meta,
      $id: `${ID_BASE}nixpkgs-meta.schema.json`,
      title: "nixpkgs metadata (nix-env -qa --json --meta --out-path) as flake-audit reads it",
    },
    "config.v1.schema.json": {
      ...z.toJSONSchema(ConfigSchema, { target: "draft-2020-12", io: "input" }),
      $id: `${ID_BASE}config.v1.schema.json`,
      title: "flake-audit configuration file (--config)",
    },
    "policy.v1.schema.json": { ...policy, $id: `${ID_BASE}policy.v1.schema.json`, title: "flake-audit check policy" },
    "flake-lock.schema.json": {
      ...flakeLock,
      $id: `${ID_BASE}flake-lock.schema.json`,
      title: "flake.lock (versions 5-7) as flake-audit reads it",
    },
  };
}
