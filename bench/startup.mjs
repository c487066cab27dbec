// Start-up: most runs are small locks in CI, where the time is Node's and the tool's start-up rather
// than the work. Each case is measured beside `node -e 0` (Node's own start-up, the least any command
// can take), without the peak-RSS preload on either side, and is held to 2x it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateLock } from "./generate.mjs";
import { measureBesideArgv, measureBesideNode, withFloor } from "./measure.mjs";
import { yargsFloor } from "./yargs-floor.mjs";

const NODE_E_0 = ["-e", "0"];

export async function startupBench(out) {
  const lock = path.join(out, "lock-50.lock");
  writeFileSync(lock, generateLock(50));
  const tagged = taggedRepository(out);
  const cases = [
    ["--version", ["--version"]],
    // bench/out is not tracked: git is asked and says so (describe is stopped at once).
    ["sbom, 50-node lock", ["sbom", lock, "--reproducible", "-o", path.join(out, "startup-sbom.cdx.json")]],
    // A flake's usual case: the lock committed in a tagged repository, so describe runs to its answer.
    [
      "sbom, 50-node lock committed in a tagged repository",
      ["sbom", tagged, "--reproducible", "-o", path.join(out, "startup-sbom-git.cdx.json")],
    ],
    // The same without asking git for the version (two git processes: git's own start-up, run beside ours).
    [
      "sbom, 50-node lock, --flake-version",
      ["sbom", lock, "--reproducible", "--flake-version", "1.0", "-o", path.join(out, "startup-sbom-v.cdx.json")],
    ],
    [
      "check --lock-only, 50-node lock, text",
      [
        "check",
        lock,
        "--lock-only",
        "--now",
        "2026-11-25",
        "--fail-on",
        "none",
        "-o",
        path.join(out, "startup-check.txt"),
      ],
    ],
  ];
  const rows = cases.map(([name, args]) => {
    const { floor, r } = measureBesideArgv(NODE_E_0, args, QUIET_PAIRS);
    return withFloor(`start-up: ${name} (floor: node -e 0)`, r, floor, { maxRatio: 2 });
  });
  return [...rows, ...(await smallRuns(lock, out)), ...parseOnly(lock, out), await yargsAlone(out)];
}

/**
 * The other commands' small runs, reported beside the same floor (the 2x target is sbom's and
 * check's): a reviewer's lock-only diff of two 50-node locks, and an auditor's trace of one of the
 * lock's sources back to its input.
 */
async function smallRuns(lock, out) {
  const older = path.join(out, "lock-50-older.lock");
  writeFileSync(older, generateLock(50, 2));
  const diff = ["diff", older, lock, "--lock-only"];
  const cases = [
    ["diff --lock-only, two 50-node locks, text", [...diff, "-o", path.join(out, "startup-diff.txt")]],
    [
      "diff --lock-only, two 50-node locks, Markdown",
      [...diff, "--format", "markdown", "-o", path.join(out, "startup-diff.md")],
    ],
    [
      "trace of a source, 50-node lock, text",
      ["trace", await sourceOf(lock), "--lock", lock, "-o", path.join(out, "startup-trace.txt")],
    ],
  ];
  return cases.map(([name, args]) => {
    const { floor, r } = measureBesideArgv(NODE_E_0, args, QUIET_PAIRS);
    return withFloor(`start-up: ${name} (floor: node -e 0)`, r, floor, { note: "reported" });
  });
}

/** The store path of the first of the lock's inputs that has one, by the built library. */
async function sourceOf(lock) {
  const { buildInventory, formatStorePath, parseFlakeLock } = await import("../dist/index.js");
  const parsed = parseFlakeLock(readFileSync(lock, "utf8"), lock);
  if (!parsed.ok) throw new Error(`${lock}: not a lock`);
  const input = buildInventory(parsed.value).inputs.find((i) => i.storePath !== undefined);
  return formatStorePath(input.storePath);
}

// Eleven pairs: these runs are short, and a median of few moves with every other process's burst.
// Node reads the certificates NODE_EXTRA_CA_CERTS names at every start (~40 ms on a machine that
// sets it for all programs, as this project's does): both sides go without it, so that the ratio
// is the tool's start-up against Node's own, not against Node's and a certificate bundle's.
const QUIET_PAIRS = { runs: 11, probe: false, unset: ["NODE_EXTRA_CA_CERTS"] };

/**
 * The least a run of each command does: its command line parsed and refused (one value outside
 * the option's choices, exit 2). Everything up to the handler is in it (Node, the entry, yargs and
 * the chunks it needs, the command's options declared and checked) and none of the work after.
 */
function parseOnly(lock, out) {
  const cases = [
    ["sbom", ["sbom", lock, "--spec", "0.0", "-o", path.join(out, "startup-refused.cdx.json")]],
    ["check", ["check", lock, "--lock-only", "--fail-on", "never", "-o", path.join(out, "startup-refused.txt")]],
  ];
  return cases.map(([command, args]) => {
    const { floor, r } = measureBesideArgv(NODE_E_0, args, { ...QUIET_PAIRS, statuses: [2] });
    return withFloor(`start-up: \`${command}\` refused by its option checks, parse only (floor: node -e 0)`, r, floor, {
      note: "reported: the least any run of it does",
    });
  });
}

/** Stock yargs alone with a command of sbom's size (bench/floor/yargs-command.mjs), code-cached. */
async function yargsAlone(out) {
  const argv = await yargsFloor(out, ["sbom", "flake.lock", "--option-0", "a", "--option-1"]);
  const { floor, r } = measureBesideNode(NODE_E_0, argv, QUIET_PAIRS);
  return withFloor(
    "start-up: stock yargs alone, one command of 46 options, bundled and code-cached (floor: node -e 0)",
    r,
    floor,
    {
      note: "reported: the parser's own floor, no flake-audit code",
    },
  );
}

/** A git repository holding a 50-node lock as flake.lock, committed and tagged v1.0.0; its lock's path. */
function taggedRepository(out) {
  const repo = path.join(out, "startup-repo");
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo);
  writeFileSync(path.join(repo, "flake.lock"), generateLock(50));
  const git = (...args) =>
    execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.org", ...args], {
      cwd: repo,
      stdio: "ignore",
    });
  git("init", "-q");
  git("add", "flake.lock");
  git("commit", "-qm", "lock");
  git("tag", "v1.0.0");
  return path.join(repo, "flake.lock");
}
