import { execFile } from "node:child_process";
import { InputError } from "../../app/errors.js";
import type { NixStore } from "../../app/ports.js";

const MAX_OUTPUT = 2 * 1024 * 1024 * 1024;

interface Run {
  readonly stdout: string;
  readonly stderr: string;
}

function problem(what: string, message: string, next: string): InputError {
  return new InputError([{ origin: what, pointer: "", message, next }]);
}

/**
 * NixStore over the installed `nix`. Asks for `--json-format 2` only when the installed Nix has it
 * (2.33+, not Lix), and enables `nix-command` and `flakes` (installables such as .#default) for versions that still gate them.
 */
export function nixCli(opts: { timeoutMs: number; env: Readonly<Record<string, string | undefined>> }): NixStore {
  const run = (args: string[], what: string): Promise<Run> =>
    new Promise((resolve, reject) => {
      execFile(
        "nix",
        ["--extra-experimental-features", "nix-command flakes", ...args],
        { maxBuffer: MAX_OUTPUT, timeout: opts.timeoutMs, env: { ...opts.env } as NodeJS.ProcessEnv },
        (error, stdout, stderr) => {
          if (error === null) return resolve({ stdout, stderr });
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT")
            return reject(
              problem(
                what,
                "the nix command is not installed (or not on PATH)",
                "install Nix, or pass a file with --closure / --derivations instead",
              ),
            );
          if (error.killed)
            return reject(
              problem(
                what,
                `nix did not answer within ${opts.timeoutMs / 1000} s`,
                "raise --timeout, or record the JSON with nix yourself and pass the file",
              ),
            );
          const tail = stderr.trim().split("\n").slice(-6).join("\n");
          reject(
            problem(
              what,
              `nix failed: ${tail || `exit status ${String(error.code)}`}`,
              "check that the path or installable exists in the store (nix-store --check-validity PATH)",
            ),
          );
        },
      );
    });
  let version: Promise<string> | undefined;
  const versionText = (): Promise<string> =>
    (version ??= run(["--version"], "nix --version").then((r) => r.stdout.trim()));
  return {
    async pathInfoClosure(installable, store) {
      const v = await versionText();
      const args = [
        "path-info",
        "--json",
        "--recursive",
        ...(store !== undefined ? ["--store", store] : []),
        installable,
      ];
      if (supportsJsonFormat(v)) args.splice(2, 0, "--json-format", "2");
      const r = await run(args, `nix ${args.join(" ")}`);
      return { origin: `nix path-info (${v})`, text: r.stdout };
    },
    async derivationClosure(drvPath) {
      const v = await versionText();
      const legacy = !isAtLeast(v, 2, 15);
      const args = legacy ? ["show-derivation", "-r", drvPath] : ["derivation", "show", "-r", drvPath];
      const r = await run(args, `nix ${args.join(" ")}`);
      return { origin: `nix ${args[0]} (${v})`, text: r.stdout };
    },
  };
}

function isAtLeast(versionText: string, major: number, minor: number): boolean {
  const m = /(\d+)\.(\d+)/.exec(versionText);
  if (m === null) return true;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/** `--json-format` exists from Nix 2.33; Lix (which prints "Lix") never added it. */
export const supportsJsonFormat = (versionText: string): boolean =>
  !/lix/i.test(versionText) && isAtLeast(versionText, 2, 33);
