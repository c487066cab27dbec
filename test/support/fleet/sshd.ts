import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import path from "node:path";

/** A throwaway OpenSSH server on 127.0.0.1, with its own host key and one authorised client key. */
export interface Sshd {
  readonly port: number;
  /** The authorised client key. */
  readonly key: string;
  /** A key the server does not accept. */
  readonly strangerKey: string;
  /** NIX_SSHOPTS that reach this server with `key` (or another key). */
  readonly sshOpts: (key?: string) => string;
  stop(): void;
}

const SSHD = "/usr/sbin/sshd";

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const c = connect(port, "127.0.0.1");
    c.once("connect", () => {
      c.destroy();
      resolve(true);
    });
    c.once("error", () => resolve(false));
  });

/** Starts sshd, or says why it cannot: no binary, not root, or it would not listen. */
export async function startSshd(
  dir: string,
  env: Record<string, string>,
  /** Extra sshd_config lines, e.g. a ForceCommand that plays a compromised host. */
  extraConfig: readonly string[] = [],
): Promise<Sshd | string> {
  if (!existsSync(SSHD)) return `${SSHD} is not installed (apt-get install openssh-server)`;
  if (process.getuid?.() !== 0) return "sshd needs root here (PermitRootLogin for nix-daemon --stdio)";
  mkdirSync(dir, { recursive: true });
  const keygen = (name: string): string => {
    const file = path.join(dir, name);
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", file]);
    return file;
  };
  const hostKey = keygen("host_key");
  const key = keygen("client_key");
  const strangerKey = keygen("stranger_key");
  writeFileSync(path.join(dir, "authorized_keys"), readFileSync(`${key}.pub`));
  mkdirSync("/run/sshd", { recursive: true });
  const port = await freePort();
  const setEnv = Object.entries(env)
    .map(([k, v]) => `"${k}=${v.replace(/\n/g, "\\n")}"`)
    .join(" ");
  const config = path.join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
      "PermitRootLogin yes",
      "StrictModes no",
      "UsePAM no",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      ...(setEnv !== "" ? [`SetEnv ${setEnv}`] : []),
      ...extraConfig,
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(SSHD, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) return `sshd exited: ${log.trim()}`;
    if (await accepts(port)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await accepts(port))) {
    child.kill();
    return `sshd did not listen on ${port}: ${log.trim()}`;
  }
  const base = `-p ${port} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o IdentitiesOnly=yes`;
  return {
    port,
    key,
    strangerKey,
    sshOpts: (k = key) => `${base} -i ${k}`,
    stop: () => {
      child.kill();
    },
  };
}

/** Under FLAKE_AUDIT_REQUIRE_NIX=1 (CI) an sshd that cannot start is a failure, not a skip. */
export function reportSshdSkip(suite: string, why: string): void {
  if (process.env["FLAKE_AUDIT_REQUIRE_NIX"] === "1")
    throw new Error(`${suite}: sshd is required (FLAKE_AUDIT_REQUIRE_NIX=1) but could not start: ${why}`);
  console.warn(`SKIPPED: ${suite}: ${why}`);
}
