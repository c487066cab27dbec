import { spawn } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, runProcess } from "../support/built-cli.js";
import { runCli } from "../support/cli.js";
import { REPO } from "../support/paths.js";

// The issue "Trust: output files and streams", one test (or group) per item.

const LOCK = path.join(REPO, "flake.lock");
const check = (...extra: string[]) => ["check", LOCK, "--lock-only", "--fail-on", "none", ...extra];
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), "flake-audit-out-"));
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));
const expected = async () => (await runCli(check())).stdout;

describe("-o PATH where PATH is a device, a FIFO or a symlink", () => {
  it("a symlink to a regular file: the target is rewritten, the link stays, the mode is kept", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "real.txt"), "old\n");
    chmodSync(path.join(dir, "real.txt"), 0o640);
    symlinkSync("real.txt", path.join(dir, "link.txt"));
    const r = await runCli(check("-o", "link.txt"), { cwd: dir });
    expect(r.code).toBe(0);
    expect(lstatSync(path.join(dir, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, "real.txt"), "utf8")).toBe(await expected());
    expect(statSync(path.join(dir, "real.txt")).mode & 0o777).toBe(0o640);
    expect(leftovers(dir)).toEqual([]);
  });

  it("an existing regular file keeps its mode", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "out.txt"), "old\n");
    chmodSync(path.join(dir, "out.txt"), 0o600);
    expect((await runCli(check("-o", "out.txt"), { cwd: dir })).code).toBe(0);
    expect(statSync(path.join(dir, "out.txt")).mode & 0o777).toBe(0o600);
  });

  it("a symlink to a device is written through, never replaced by a regular file", async () => {
    const dir = tempDir();
    symlinkSync("/dev/null", path.join(dir, "null"));
    expect((await runCli(check("-o", "null"), { cwd: dir })).code).toBe(0);
    expect(lstatSync(path.join(dir, "null")).isSymbolicLink()).toBe(true);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("a FIFO with no reader fails at once with 'no reader', and stays a FIFO", async () => {
    const dir = tempDir();
    execFileSync("mkfifo", [path.join(dir, "fifo")]);
    const started = Date.now();
    const r = await runCli(check("-o", "fifo"), { cwd: dir });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "flake-audit: could not write output to fifo: no reader: nothing has this FIFO open for reading; start the reader first\n",
    );
    expect(statSync(path.join(dir, "fifo")).isFIFO()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it("a FIFO with a reader gets the whole output", async () => {
    const dir = tempDir();
    const fifo = path.join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo], { stdio: ["ignore", "pipe", "inherit"] });
    let got = "";
    reader.stdout.on("data", (d: Buffer) => (got += d.toString()));
    const done = new Promise((resolve) => reader.on("close", resolve));
    const deadline = setTimeout(() => reader.kill(), 10_000);
    // The reader opens the FIFO asynchronously; until it has, the write would rightly find no reader.
    for (let i = 0; i < 50 && (await runCli(check("-o", "fifo"), { cwd: dir })).code !== 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    await done;
    clearTimeout(deadline);
    expect(got).toBe(await expected());
  });

  it("-o /dev/stdout and -o - write standard output", async () => {
    for (const o of ["/dev/stdout", "-"]) {
      const r = await runCli(check("-o", o));
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(await expected());
    }
  });

  it("a directory is refused clearly", async () => {
    const dir = tempDir();
    const r = await runCli(check("-o", "."), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("flake-audit: could not write output to .: is a directory; name a file inside it\n");
  });
});

describe("built CLI", () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(() => cli.remove());

  describe("short writes: every byte is written, or exit 2 and no file", () => {
    it("/dev/full as the target: ENOSPC, exit 2, the device untouched", async () => {
      const r = await runProcess(process.execPath, [cli.main, ...check("-o", "/dev/full")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        "flake-audit: could not write output to /dev/full: no space left on the device; free some space, or write elsewhere\n",
      );
      expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
    });

    it("/dev/full through a symlink: exit 2, the link untouched, no temp file", async () => {
      const dir = tempDir();
      symlinkSync("/dev/full", path.join(dir, "out.sarif"));
      const r = await runProcess(process.execPath, [cli.main, ...check("--format", "sarif", "-o", "out.sarif")], {
        cwd: dir,
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^flake-audit: could not write output to out.sarif: no space left on the device/);
      expect(lstatSync(path.join(dir, "out.sarif")).isSymbolicLink()).toBe(true);
      expect(leftovers(dir)).toEqual([]);
    });

    it("a real short write (ulimit -f 1): exit 2, the old file untouched, no temp file", async () => {
      const dir = tempDir();
      writeFileSync(path.join(dir, "out.sarif"), "old\n");
      // The first write is cut short at the limit, the next fails with EFBIG; SIGXFSZ is ignored, as
      // a shell's `trap '' XFSZ` leaves it for the program to see the error.
      const r = await runProcess(
        "bash",
        [
          "-c",
          `trap '' XFSZ; ulimit -f 1; exec "$0" "$@"`,
          process.execPath,
          cli.main,
          ...check("--format", "sarif", "-o", "out.sarif"),
        ],
        { cwd: dir },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^flake-audit: could not write output to out.sarif: file too large/);
      expect(readFileSync(path.join(dir, "out.sarif"), "utf8")).toBe("old\n");
      expect(leftovers(dir)).toEqual([]);
    });
  });

  it("stdout to a full device: one line on stderr, exit 2 (could not write output), no stack trace", async () => {
    const r = await runProcess("bash", ["-c", `exec "$0" "$@" >/dev/full`, process.execPath, cli.main, ...check()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "flake-audit: could not write output to standard output: no space left on the device; free some space, or write elsewhere\n",
    );
  });

  it("stdout to a reader that goes away (| head) ends quietly, exit 0", async () => {
    const r = await runProcess("bash", [
      "-c",
      `"$0" "$@" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`,
      process.execPath,
      cli.main,
      ...check(),
    ]);
    expect(r.stdout.trim()).toBe("0");
    expect(r.stderr).toBe("");
  });

  describe("SIGINT, SIGTERM or SIGHUP during a large write: the temp file is removed, exit 128+signal", () => {
    it.each([
      ["SIGINT", 130],
      ["SIGTERM", 143],
      ["SIGHUP", 129],
    ] as const)("%s", async (signal, code) => {
      const dir = tempDir();
      writeFileSync(path.join(dir, "big.json"), "old\n");
      // An endless (capped) output: the write is still going when the signal comes.
      const program = await cli.script(`
        import { writeOutputFile } from "./src/adapters/output-file.ts";
        function* endless() {
          const chunk = "x".repeat(1 << 16);
          process.stderr.write("writing\\n");
          for (let i = 0; i < 16384; i++) yield chunk;
        }
        await writeOutputFile("big.json", endless(), process.cwd());
      `);
      const child = spawn(process.execPath, [program], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on("close", (c, s) => resolve([c, s])),
      );
      await new Promise<void>((resolve) => child.stderr.once("data", () => resolve()));
      for (let i = 0; i < 200 && leftovers(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(leftovers(dir)).toHaveLength(1);
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const [exitCode, bySignal] = await exited;
      clearTimeout(timer);
      expect({ exitCode, bySignal }).toEqual({ exitCode: code, bySignal: null });
      expect(leftovers(dir)).toEqual([]);
      expect(readFileSync(path.join(dir, "big.json"), "utf8")).toBe("old\n");
    });
  });
});
