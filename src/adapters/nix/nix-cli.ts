import { InputError } from "../../app/errors.js";
import type { NixStore } from "../../app/ports.js";
import { runProgram, stderrTail } from "../subprocess.js";
import { derivationsOf } from "./derivations-of.js";

// Below V8's longest string (about 512 MiB), so that too much output is this error, not a crash.
const MAX_OUTPUT = 500 * 1024 * 1024;

function problem(what: string, message: string, next: string): InputError {
  return new InputError([{ origin: what, pointer: "", message, next }]);
}

/**
 * NixStore over the installed `nix`. Asks for `--json-format 2` only when the installed Nix has it
 * (2.33+, not Lix), and enables `nix-command` and `flakes` (installables such as .#default) for versions that still gate them.
 */
export function nixCli(opts: { timeoutMs: number; env: Readonly<Record<string, string | undefined>> }): NixStore {
  const run = async (args: string[], what: string): Promise<{ stdout: string }> => {
    const r = await runProgram("nix", ["--extra-experimental-features", "nix-command flakes", ...args], {
      env: opts.env,
      timeoutMs: opts.timeoutMs,
      maxOutputBytes: MAX_OUTPUT,
      whenMissing: "install Nix, or pass a file with --closure / --derivations instead",
    });
    switch (r.kind) {
      case "ok":
        return r;
      case "timeout":
        throw problem(
          what,
          `nix did not answer within ${opts.timeoutMs / 1000} s`,
          "raise --timeout, or record the JSON with nix yourself and pass the file",
        );
      case "too-much-output":
        throw problem(what, "nix printed more than 500 MiB", "record the JSON with nix yourself and pass the file");
      case "failed":
        throw problem(
          what,
          `nix failed: ${stderrTail(r.stderr, 6) || `exit status ${String(r.exitCode)}`}`,
          "check that the path or installable exists in the store (nix-store --check-validity PATH)",
        );
    }
  };
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
        "--",
        installable,
      ];
      if (supportsJsonFormat(v)) args.splice(2, 0, "--json-format", "2");
      const r = await run(args, `nix ${args.join(" ")}`);
      return { origin: `nix path-info (${v})`, text: r.stdout };
    },
    async derivationClosure(drvPath) {
      const v = await versionText();
      const legacy = !isAtLeast(v, 2, 15);
      // `--`: whatever the path says, nix reads it as an installable, never as an option.
      const args = legacy ? ["show-derivation", "-r", "--", drvPath] : ["derivation", "show", "-r", "--", drvPath];
      const r = await run(args, `nix ${args.join(" ")}`);
      return { origin: `nix ${args[0]} (${v})`, text: r.stdout };
    },
    async derivationsOf(drvPaths) {
      const v = await versionText();
      return derivationsOf(run, !isAtLeast(v, 2, 15), v, drvPaths);
    },
  };
}

export function isAtLeast(versionText: string, major: number, minor: number): boolean {
  const m = /(\d+)\.(\d+)/.exec(versionText);
  if (m === null) return true;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/** `--json-format` exists from Nix 2.33; Lix (which prints "Lix") never added it. */
export const supportsJsonFormat = (versionText: string): boolean =>
  !/lix/i.test(versionText) && isAtLeast(versionText, 2, 33);
