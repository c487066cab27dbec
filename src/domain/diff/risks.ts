import { makeFinding, type Finding } from "../findings.js";
import type { Pinning } from "../lock/source-ref.js";
import type { InputChange } from "./input-change.js";
import type { CompareFacts } from "./report.js";

/** The risks a lock change carries by itself: a new source, new bytes under a rev, a lost pin, a step back. */
export function lockRisks(c: InputChange, newPinning: Pinning): Finding[] {
  const out: Finding[] = [];
  const [before, after] = [c.old, c.new];
  if (before === undefined || after === undefined) return out;
  if (c.kinds.includes("source-changed"))
    out.push(makeFinding("source-changed", c.input, { before: before.url, after: after.url }));
  if (
    c.kinds.includes("narhash-changed") &&
    before.rev !== undefined &&
    before.narHash !== undefined &&
    after.narHash !== undefined
  )
    out.push(
      makeFinding("narhash-changed", c.input, { rev: before.rev, before: before.narHash, after: after.narHash }),
    );
  if (c.kinds.includes("pin-lost") && newPinning !== "content")
    out.push(makeFinding("pin-lost", c.input, { pinning: newPinning }));
  if (
    c.kinds.includes("last-modified-backwards") &&
    before.lastModified !== undefined &&
    after.lastModified !== undefined
  )
    out.push(
      makeFinding("last-modified-backwards", c.input, { before: before.lastModified, after: after.lastModified }),
    );
  if (c.refMove?.move === "downgrade")
    out.push(makeFinding("ref-downgrade", c.input, { from: c.refMove.from, to: c.refMove.to }));
  return out;
}

/** The risks GitHub's comparison of the old and new revs shows: commits rolled back or history rewritten. */
export function upstreamRisks(input: string, facts: CompareFacts): Finding[] {
  const counts = { aheadBy: facts.aheadBy, behindBy: facts.behindBy };
  return facts.status === "behind"
    ? [makeFinding("upstream-downgrade", input, counts)]
    : facts.status === "diverged"
      ? [makeFinding("upstream-diverged", input, counts)]
      : [];
}
