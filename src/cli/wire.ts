import { nodeFiles } from "../adapters/fs.js";
import type { Files, Log, NixStore } from "../app/ports.js";
import type { InstallableEvaluator } from "../app/installable-ports.js";
import { nixCli } from "../adapters/nix/nix-cli.js";
import { UsageError } from "../app/errors.js";
import type { ToolInfo } from "../domain/report.js";
import type { Env, Io } from "./io.js";
import { toolInfo } from "./tool-info.js";
import { oneLine, stripControls } from "../render/escape.js";

/** The composition root: real adapters, the clock and the environment, read once per run. */
export interface Wiring {
  readonly files: Files;
  /** The installed nix, created on first use. */
  nix(): NixStore;
  readonly log: Log;
  readonly tool: ToolInfo;
  /** The real clock, read once. */
  readonly now: Date;
  newSerialNumber(): string;
  /** SOURCE_DATE_EPOCH as a Date, when set. */
  readonly sourceDateEpoch?: Date;
}

// The tool's version is read by a module of its own, which `--version` loads without the rest.
export { toolInfo } from "./tool-info.js";

function parseEpoch(value: string | undefined): Date | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d{1,12}$/.test(value))
    throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, found '${stripControls(value)}'`);
  return new Date(Number(value) * 1000);
}

export function wire(io: Io, env: Env, verbose = false, timeoutSeconds = 600): Wiring {
  const epoch = parseEpoch(env["SOURCE_DATE_EPOCH"]);
  let nix: NixStore | undefined;
  return {
    nix: () => (nix ??= nixCli({ timeoutMs: timeoutSeconds * 1000, env })),
    files: nodeFiles(() => io.readStdin(), io.cwd),
    log: {
      warn: (m) => io.stderr(`warning: ${oneLine(m)}\n`),
      info: (m) => {
        if (verbose) io.stderr(`${oneLine(m)}\n`);
      },
    },
    tool: toolInfo(),
    now: new Date(),
    // Web Crypto's global: node:crypto is loaded only by the runs that ask for a serial number.
    newSerialNumber: () => `urn:uuid:${globalThis.crypto.randomUUID()}`,
    ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
  };
}

/**
 * THE factory point of the nix evaluator of installables (`--installable` of diff and pr-review;
 * the port is app/installable-ports.ts): the installed nix (adapters/nix/installable-evaluator.ts),
 * given the process environment, of which only an allow-list reaches nix. Undefined when nix is not
 * installed, which the commands report as exit 3 ("nix is needed"). The timeout is per request.
 */
export async function installableEvaluator(
  _io: Io,
  env: Env,
  _timeoutSeconds: number,
): Promise<InstallableEvaluator | undefined> {
  const { nixInstallableEvaluator } = await import("../adapters/nix/installable-evaluator.js");
  const evaluator = nixInstallableEvaluator({ env });
  return (await evaluator.available()) ? evaluator : undefined;
}
