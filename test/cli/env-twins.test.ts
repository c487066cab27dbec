import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/cli/io.js";
import { parser } from "../../src/cli/parser.js";
import { runCli } from "../support/cli.js";
import { REPO } from "../support/paths.js";

// README: every flag of every command has a FLAKE_AUDIT_* twin, and the flag wins. The flags are read
// from each command's --help, as a user sees them, so a flag added without a twin fails here.

const WIDE = 400;

/** A flag as --help shows it: its name, kind, choices and default. */
interface Flag {
  readonly name: string;
  readonly kind: "boolean" | "string" | "number" | "array";
  readonly choices?: readonly string[];
  readonly fallback?: string;
}

const section = (help: string, title: string): string[] => {
  const lines = help.split("\n");
  const start = lines.indexOf(`${title}:`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.trim() === "");
  return lines.slice(start + 1, end < 0 ? undefined : end);
};

function flagsOfHelp(help: string): Flag[] {
  return section(help, "Options").flatMap((line): Flag[] => {
    const m = /^\s+(?:-\w, )?--([a-z][a-z0-9-]*)\s.*\[(boolean|string|number|array)\]/.exec(line);
    if (m?.[1] === undefined || m[2] === undefined || ["help", "version"].includes(m[1])) return [];
    const kind = m[2] === "boolean" || m[2] === "number" || m[2] === "array" ? m[2] : "string";
    const choices = /\[choices: ([^\]]+)\]/
      .exec(line)?.[1]
      ?.split(", ")
      .map((c) => JSON.parse(c) as string);
    const fallback = /\[default: ([^\]]+)\]/.exec(line)?.[1];
    return [
      {
        name: m[1],
        kind,
        ...(choices !== undefined ? { choices } : {}),
        ...(fallback !== undefined ? { fallback } : {}),
      },
    ];
  });
}

const help = async (argv: string[]): Promise<string> => (await runCli(argv, { columns: WIDE })).stdout;

/** Every command the top-level help lists, with the positional arguments it needs. */
async function commands(): Promise<Array<{ name: string; required: string[] }>> {
  return section(await help(["--help"]), "Commands").flatMap((line) => {
    const m = /^\s+flake-audit ([a-z-]+)((?: [[<][^\]>]+[\]>])*)/.exec(line);
    if (m?.[1] === undefined) return [];
    const required = [...(m[2] ?? "").matchAll(/<[^>]+>/g)].map(() => "/nix/store/00000000000000000000000000000000-x");
    return [{ name: m[1], required }];
  });
}

/** The arguments a command would run with, without running it. */
async function parsed(argv: string[], env: Env): Promise<Record<string, unknown>> {
  const io = { stdout: () => undefined, stderr: () => undefined, isTTY: false, readStdin: async () => "", cwd: REPO };
  let got: Record<string, unknown> | undefined;
  await parser(
    argv,
    io,
    env,
    () => undefined,
    (_command, args) => {
      got = Object.fromEntries(Object.entries(args));
    },
  ).parseAsync(argv);
  if (got === undefined) throw new Error(`no command ran for ${argv.join(" ")}`);
  return got;
}

/** A value for the twin and a different one for the flag, both unlike the default; what each parses to. */
function values(flag: Flag): { env: string; envValue: unknown; flagArgv: string[]; flagValue: unknown } {
  const opt = `--${flag.name}`;
  switch (flag.kind) {
    case "boolean":
      return flag.fallback === "true"
        ? { env: "0", envValue: false, flagArgv: [opt], flagValue: true }
        : { env: "1", envValue: true, flagArgv: [`--no-${flag.name}`], flagValue: false };
    case "number":
      return { env: "42", envValue: 42, flagArgv: [opt, "7"], flagValue: 7 };
    case "array":
      return {
        env: "a.example b.example",
        envValue: ["a.example", "b.example"],
        flagArgv: [opt, "c"],
        flagValue: ["c"],
      };
    case "string": {
      // With two choices, the flag takes the default back: still not what the twin said.
      const others = (flag.choices ?? []).filter((c) => JSON.stringify(c) !== flag.fallback);
      const back = flag.choices?.find((c) => !others.includes(c));
      const [e = "from-env", f = back ?? "from-flag"] = flag.choices !== undefined ? others : [];
      return { env: e, envValue: e, flagArgv: [opt, f], flagValue: f };
    }
  }
}

const twin = (flag: string): string => `FLAKE_AUDIT_${flag.toUpperCase().replace(/-/g, "_")}`;

describe("every flag has an environment twin, and the flag wins", async () => {
  const all = await commands();
  it("finds the commands and their flags in --help", () => {
    expect(all.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        "sbom",
        "check",
        "diff",
        "pr-review",
        "resolve",
        "trace",
        "fleet",
        "host-report",
        "graph",
      ]),
    );
  });
  for (const { name, required } of all) {
    const flags = flagsOfHelp(await help([name, "--help"]));
    it(`${name}: ${flags.length} flags`, async () => {
      expect(flags.length).toBeGreaterThan(0);
      for (const flag of flags) {
        const v = values(flag);
        const env = { [twin(flag.name)]: v.env };
        const fromEnv = await parsed([name, ...required], env);
        expect(fromEnv[flag.name], `${twin(flag.name)}=${v.env} for ${name}`).toEqual(v.envValue);
        const fromFlag = await parsed([name, ...required, ...v.flagArgv], env);
        expect(fromFlag[flag.name], `${v.flagArgv.join(" ")} over ${twin(flag.name)} for ${name}`).toEqual(v.flagValue);
      }
    });
  }
});

describe("twins in real runs", () => {
  it("FLAKE_AUDIT_NAME names the flake in sbom, and FLAKE_AUDIT_OUTPUT writes the file", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "fa-twins-")), "sbom.json");
    const r = await runCli(["sbom", "flake.lock", "--reproducible"], {
      cwd: REPO,
      env: { FLAKE_AUDIT_NAME: "named-by-env", FLAKE_AUDIT_OUTPUT: out },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    const bom = JSON.parse(readFileSync(out, "utf8")) as { metadata: { component: { name: string } } };
    expect(bom.metadata.component.name).toBe("named-by-env");
  });

  it.each([
    ["FLAKE_AUDIT_TIMEOUT", "soon", /FLAKE_AUDIT_TIMEOUT must be a number; found 'soon'/],
    ["FLAKE_AUDIT_SPEC", "9.9", /FLAKE_AUDIT_SPEC must be one of 1\.4, 1\.5, 1\.6, 1\.7, 2\.3, 3\.0; found '9\.9'/],
  ])("%s=%s is a usage error naming the variable", async (name, value, message) => {
    const r = await runCli(["sbom", "flake.lock"], { cwd: REPO, env: { [name]: value } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
