import { InputError } from "../../app/errors.js";
import { runProgram, stderrTail } from "../subprocess.js";

/** The ssh destination and key of an `ssh://` or `ssh-ng://` store URI, as Nix reads them. */
export function sshTarget(store: string): { host: string; key?: string } {
  const m = /^ssh(?:-ng)?:\/\/([^?]+)(?:\?(.*))?$/.exec(store);
  // A destination starting with "-" would be read by ssh as an option (-oProxyCommand=…).
  if (m === null || m[1] === undefined || m[1].startsWith("-"))
    throw new InputError([{ origin: store, pointer: "", message: "not an ssh store URI of the form ssh://user@host" }]);
  const key = new URLSearchParams(m[2] ?? "").get("ssh-key") ?? undefined;
  return { host: m[1], ...(key !== undefined ? { key } : {}) };
}

const MAX_LISTING_BYTES = 16 * 1024 * 1024;

/** Quotes a word for the remote POSIX shell. */
export const shellQuote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/**
 * Runs a script on the host with ssh as Nix runs it: `ssh HOST -x -a $NIX_SSHOPTS [-i KEY]`, with
 * BatchMode so that a refused key fails at once instead of asking for a password.
 */
export async function runOverSsh(
  store: string,
  script: string,
  opts: { timeoutMs: number; env: Readonly<Record<string, string | undefined>> },
): Promise<string> {
  const target = sshTarget(store);
  const userOpts = (opts.env["NIX_SSHOPTS"] ?? "").split(/\s+/).filter((w) => w !== "");
  const args = [
    target.host,
    "-x",
    "-a",
    ...userOpts,
    ...(target.key !== undefined ? ["-i", target.key] : []),
    "-o",
    "BatchMode=yes",
    "--",
    script,
  ];
  const r = await runProgram("ssh", args, {
    env: opts.env,
    timeoutMs: opts.timeoutMs,
    maxOutputBytes: MAX_LISTING_BYTES,
    whenMissing: "install OpenSSH's client, or collect host reports with flake-audit host-report",
  });
  if (r.kind === "ok") return r.stdout;
  const why =
    r.kind === "timeout"
      ? `ssh did not answer within ${opts.timeoutMs / 1000} s`
      : r.kind === "too-much-output"
        ? `the host printed more than ${MAX_LISTING_BYTES / 1024 / 1024} MiB for its profile listing`
        : `ssh to ${target.host} failed: ${stderrTail(r.stderr, 3).replace(/\n/g, " ") || r.kind}`;
  throw new InputError([
    { origin: store, pointer: "", message: why, next: "check ssh access (NIX_SSHOPTS, ssh-key=) and the host name" },
  ]);
}

/** The remote script that lists a profile's generation links, its target and the running system. */
export function profileScript(profile: string, running: string | undefined): string {
  const q = shellQuote(profile);
  return [
    `p=${q}`,
    ...(running !== undefined ? [`printf 'running\\t%s\\n' "$(readlink ${shellQuote(running)} 2>/dev/null)"`] : []),
    `printf 'profile\\t%s\\n' "$(readlink "$p" 2>/dev/null)"`,
    `for l in "$p"-*-link; do [ -L "$l" ] && printf 'link\\t%s\\t%s\\t%s\\n' "\${l##*/}" "$(readlink "$l")" "$(stat -c %Y "$l")"; done`,
    "true",
  ].join("; ");
}
