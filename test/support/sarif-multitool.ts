import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO } from "./paths.js";

/** Microsoft's SARIF multitool (dev dependency @microsoft/sarif-multitool-linux). */
export const MULTITOOL = path.join(REPO, "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
export const hasMultitool = existsSync(MULTITOOL);

export interface MultitoolVerdict {
  readonly code: number;
  /** Every problem it reports, as `level ruleId: file arguments`; empty when the logs are clean. */
  readonly problems: readonly string[];
  readonly stdout: string;
}

interface ValidationLog {
  runs: Array<{
    results?: Array<{
      ruleId: string;
      level?: string;
      message: { id?: string; text?: string; arguments?: string[] };
      locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string } } }>;
    }>;
  }>;
}

/**
 * Validates SARIF files with the SARIF rules and GitHub's ingestion rules (`--rule-kind Sarif;Gh`, or
 * the kinds given):
 * its exit code and the problems its own SARIF log lists (errors, warnings and notes alike).
 */
export function multitoolValidate(files: readonly string[], ruleKinds = "Sarif;Gh"): Promise<MultitoolVerdict> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "flake-audit-multitool-")), "validation.sarif");
  return new Promise((resolve, reject) => {
    execFile(
      MULTITOOL,
      ["validate", "--rule-kind", ruleKinds, "--log", "ForceOverwrite", "-o", out, ...files],
      // The tool needs ICU unless told to run without it; this machine may not have it.
      { env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" }, timeout: 300_000, maxBuffer: 1 << 26 },
      (error, stdout) => {
        if (error !== null && typeof error.code !== "number") return reject(error);
        const code = error === null ? 0 : Number(error.code);
        if (!existsSync(out)) return resolve({ code, problems: [`no validation log: ${stdout}`], stdout });
        const log = JSON.parse(readFileSync(out, "utf8")) as ValidationLog;
        const problems = log.runs.flatMap((run) =>
          (run.results ?? []).map(
            (r) =>
              `${r.level ?? "warning"} ${r.ruleId}: ${r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "?"} ${(r.message.arguments ?? [r.message.text ?? ""]).join(" | ")}`,
          ),
        );
        resolve({ code, problems, stdout });
      },
    );
  });
}
