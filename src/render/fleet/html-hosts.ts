import type { HostEntry } from "../../domain/fleet/report.js";
import { code, h } from "../html/escape.js";
import { stateLabel, type Html, type Tone } from "../html/parts.js";
import {
  approvalText,
  changeSummary,
  generationText,
  malformedSignatures,
  pathsWord,
  signatureSummary,
} from "./view.js";

/** One fact about a host: its tone and the words that say it (the colour only repeats the words). */
type Fact = readonly [Tone, string];

const reachability = (x: HostEntry): Fact =>
  x.status === "ok" ? ["ok", "read"] : ["bad", `not read: ${x.reason ?? "unreachable"}`];

const approval = (x: HostEntry): Fact =>
  x.approved === null ? ["none", approvalText(null)] : x.approved ? ["ok", "approved"] : ["bad", "not approved"];

const drift = (x: HostEntry): Fact =>
  x.drift !== undefined
    ? ["warn", `drifted: ${changeSummary(x.drift, 4)}`]
    : x.approved === false
      ? ["warn", "drifted"]
      : ["ok", "no drift"];

function signatures(x: HostEntry): Fact {
  const c = x.signatures?.counts;
  if (c === undefined) return ["none", "not audited"];
  const text = signatureSummary(x) || "no paths";
  const bad = malformedSignatures(x);
  const extra = bad !== undefined ? `; malformed signatures on ${pathsWord(bad.count)}` : "";
  return [
    c.invalid > 0 || c.untrusted > 0 ? "bad" : c.unsigned > 0 || bad !== undefined ? "warn" : "ok",
    `${text}${extra}`,
  ];
}

const RANK: Readonly<Record<Tone, number>> = { none: 0, ok: 1, warn: 2, bad: 3 };

/** The host's tone is its worst fact's; a host nothing was approved for is at best "none". */
export function hostFacts(x: HostEntry): {
  readonly tone: Tone;
  readonly facts: ReadonlyArray<readonly [string, Fact]>;
} {
  const facts: Array<readonly [string, Fact]> = [["reachability", reachability(x)]];
  if (x.status === "ok") facts.push(["approval", approval(x)], ["drift", drift(x)], ["signatures", signatures(x)]);
  let tone: Tone = "ok";
  for (const [, [t]] of facts) if (RANK[t] > RANK[tone]) tone = t;
  // Unknown is not fine: a host with nothing approved or no audit is "unknown" unless something is worse.
  if (tone === "ok" && facts.some(([, [t]]) => t === "none")) tone = "none";
  return { tone, facts };
}

const TONE_WORD: Readonly<Record<Tone, string>> = { ok: "ok", warn: "attention", bad: "problem", none: "unknown" };

/** A host card: its overall state in words, then each fact with its label. */
export function hostCard(x: HostEntry): Html {
  const { tone, facts } = hostFacts(x);
  const rows = facts.map(([label, [t, text]]) => `<dt>${h(label)}</dt><dd>${stateLabel(t, text)}</dd>`);
  if (x.status === "ok")
    rows.push(
      `<dt>system</dt><dd>${code(x.system ?? "unknown")}</dd>`,
      `<dt>generation</dt><dd>${h(generationText(x))}</dd>`,
      `<dt>inputs</dt><dd>${x.inputs.length === 0 ? '<span class="muted">none found</span>' : x.inputs.map((i) => `${code(i.input)} ${code(i.rev?.slice(0, 12) ?? "no rev")}`).join("<br>")}</dd>`,
    );
  return `<li class="host h-${tone}" data-host data-tone="${tone}">
<h3>${code(x.name)} <span class="state st-${tone}">${TONE_WORD[tone]}</span></h3>
<dl>${rows.join("")}</dl>
</li>`;
}

/** Each host's generations, oldest first, the current one marked in words. */
export function timeline(x: HostEntry): Html {
  if (x.generations.length === 0) return "";
  const items = [...x.generations]
    .sort((a, b) => a.number - b.number)
    .map(
      (g) =>
        `<li data-generation>${g.number === x.generation ? "<strong>" : ""}generation ${h(g.number)}${g.date !== undefined ? ` · ${h(g.date)}` : ""}${g.number === x.generation ? " (current)</strong>" : ""}</li>`,
    );
  const change =
    x.lastChange !== undefined ? `<p class="muted">last change: ${h(changeSummary(x.lastChange))}</p>` : "";
  return `<h3>${code(x.name)}</h3>\n<ol class="timeline">${items.join("\n")}</ol>${change}`;
}
