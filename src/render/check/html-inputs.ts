import type { CheckedInput } from "../../domain/policy/checked-input.js";
import type { CheckReport, LocatedFinding } from "../../domain/policy/report.js";
import { severityRank, type Severity } from "../../domain/findings.js";
import { ageText } from "../html/age.js";
import { code, h, link } from "../html/escape.js";
import { NONE, fold, severityBadge, stateLabel, table, type Html, type Tone } from "../html/parts.js";

const PINNING: Readonly<Record<CheckedInput["pinning"], readonly [Tone, string]>> = {
  content: ["ok", "content hash"],
  "rev-only": ["warn", "rev only"],
  relative: ["none", "relative path"],
  unlocked: ["bad", "unlocked"],
};

const licenceCell = (i: CheckedInput): Html =>
  i.license !== undefined
    ? i.license === null
      ? stateLabel("warn", "none detected")
      : code(i.license)
    : `<span class="muted">${h(i.licenseNote ?? "unknown")}</span>`;

function findingsCell(list: readonly LocatedFinding[] | undefined): Html {
  if (list === undefined || list.length === 0) return '<span class="muted">none</span>';
  let worst: Severity = "info";
  for (const f of list) if (severityRank(f.severity) > severityRank(worst)) worst = f.severity;
  const rules = [...new Set(list.map((f) => f.rule))].sort();
  return `${severityBadge(worst)} ${list.length}: ${rules.map(h).join(", ")}`;
}

/** Other input paths shown open; a source reached through hundreds (nixpkgs) folds the rest. */
const ALSO_SHOWN = 5;

function alsoPaths(also: readonly string[]): Html {
  if (also.length === 0) return "";
  const shown = also.length <= ALSO_SHOWN ? also : also.slice(0, ALSO_SHOWN - 1);
  const rest = also.slice(shown.length);
  const more = rest.length > 0 ? fold(`and ${rest.length} more input paths`, rest.map(code).join(", "), false) : "";
  return `<br><span class="muted">also ${shown.map(code).join(", ")}</span>${more}`;
}

function row(i: CheckedInput, at: string, findings: readonly LocatedFinding[] | undefined): Html[] {
  const also = i.inputPaths.filter((p) => p !== i.input);
  const [tone, pin] = PINNING[i.pinning];
  return [
    `${code(i.input)}${alsoPaths(also)}`,
    link(i.url),
    i.rev !== undefined ? code(i.rev.slice(0, 12)) : NONE,
    h(ageText(i.lastModified, at)),
    stateLabel(tone, pin),
    licenceCell(i),
    findingsCell(findings),
  ];
}

/** Every locked source: where it comes from, how old and how firmly pinned, its licence and findings. */
export function inputsTable(r: CheckReport, inputs: readonly CheckedInput[]): Html {
  const byInput = new Map<string, LocatedFinding[]>();
  for (const f of r.findings) {
    const list = byInput.get(f.input);
    if (list !== undefined) list.push(f);
    else byInput.set(f.input, [f]);
  }
  return table(
    "Locked inputs",
    ["input path", "source", "rev", "last modified (age)", "pinning", "licence", "findings"],
    inputs.map((i) => row(i, r.evaluatedAt, byInput.get(i.input))),
    { rowClass: "input", wide: [0, 1] },
  );
}
