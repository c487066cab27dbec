import type { CheckReport, LocatedFinding } from "../../domain/policy/report.js";
import { followsLine, groupFindings, otherPaths, type RuleGroup } from "../finding-groups.js";
import { code, h } from "../html/escape.js";
import { renderPage } from "../html/page.js";
import { counts, fold, gapList, plural, section, severityBadge, type Html } from "../html/parts.js";
import { inputsTable } from "./html-inputs.js";

// A rule with more findings than this starts folded, so one noisy rule does not bury the others.
const OPEN_UP_TO = 10;
// A page lists at most this many findings per rule and says how many it left out: thousands of
// `stale` lines are unreadable, and a 10,000-input lock must still open quickly (bench/html.mjs).
const LISTED_PER_RULE = 500;

function findingItem(r: CheckReport, f: LocatedFinding): Html {
  const also = otherPaths(f);
  const line =
    r.lockFile !== undefined && f.location !== undefined ? ` <span class="muted">(line ${f.location.line})</span>` : "";
  const alsoText = also.length > 0 ? `<br><span class="muted">also reached as ${also.map(code).join(", ")}</span>` : "";
  const fix = f.follows !== undefined ? `<br>fix in flake.nix: ${code(followsLine(f.follows))}` : "";
  return `<li data-finding>${code(f.input)}${line}: ${h(f.message)}${alsoText}${fix}</li>`;
}

/** One rule: why and what to do once, then its findings, transitive inputs nested under their root input. */
function ruleGroup(r: CheckReport, g: RuleGroup<LocatedFinding>): Html {
  const items: string[] = [];
  let budget = LISTED_PER_RULE;
  for (const root of g.roots) {
    if (budget <= 0) break;
    const own = root.own.slice(0, budget);
    const transitive = root.transitive.slice(0, budget - own.length);
    budget -= own.length + transitive.length;
    items.push(...own.map((f) => findingItem(r, f)));
    if (transitive.length === 0) continue;
    items.push(`<li>through ${code(root.root)}<ul>${transitive.map((f) => findingItem(r, f)).join("\n")}</ul></li>`);
  }
  const left = g.count - (LISTED_PER_RULE - Math.max(budget, 0));
  if (left > 0)
    items.push(
      `<li data-more="${left}">… and ${plural(left, "more finding")} of this rule, all in --format json or sarif</li>`,
    );
  const list = `<ul class="findings">\n${items.join("\n")}\n</ul>`;
  return `<article class="rule" data-rule="${h(g.rule)}">
<h3>${severityBadge(g.severity)} ${h(g.rule)} <span class="muted">(${plural(g.count, "finding")})</span></h3>
<p class="why">${h(g.why)} <strong>What to do:</strong> ${h(g.fix)}</p>
${fold(plural(g.count, "finding"), list, g.count <= OPEN_UP_TO)}
</article>`;
}

function suppressedSection(r: CheckReport): Html {
  if (r.suppressed.length === 0) return "";
  const items = r.suppressed.map((f) => {
    const until = f.suppressedBy?.expires !== undefined ? ` (until ${h(f.suppressedBy.expires)})` : "";
    return `<li data-suppressed>${h(f.rule)} ${code(f.input)}: ${h(f.suppressedBy?.reason ?? "")}${until}</li>`;
  });
  return section("accepted", "Accepted by the policy", `<ul>\n${items.join("\n")}\n</ul>`);
}

/** check --format html: findings grouped by rule, the inputs table, what the policy accepted, gaps. */
export function renderCheckHtml(r: CheckReport): string {
  const groups = groupFindings(r.findings);
  const subject =
    r.lockFile !== undefined ? code(r.lockFile.path) : r.closureFile !== undefined ? code(r.closureFile.path) : "";
  const lead = [
    `<p>${subject} checked against the policy ${code(r.policy.source)}${r.upstream !== undefined ? `; upstream facts: ${h(r.upstream)}` : ""}.</p>`,
    counts([
      ["findings", r.findings.length, "findings"],
      ["rules", groups.length, "rules"],
      ...(r.inputs !== undefined ? [["inputs", r.inputs.length, "locked inputs"] as const] : []),
      ["suppressed", r.suppressed.length, "accepted"],
      ["gaps", r.gaps.length, "gaps"],
    ]),
  ].join("\n");
  const findings = groups.length === 0 ? "<p>No findings.</p>" : groups.map((g) => ruleGroup(r, g)).join("\n");
  const body = [
    section("findings", "Findings by rule", findings),
    r.inputs !== undefined ? section("inputs", "Inputs", inputsTable(r, r.inputs)) : "",
    suppressedSection(r),
    gapList(r.gaps),
  ];
  return renderPage({
    title: r.lockFile !== undefined ? "flake.lock policy check" : "Closure policy check",
    lead,
    body: body.filter((b) => b !== "").join("\n"),
    tool: r.tool,
    at: r.evaluatedAt,
  });
}
