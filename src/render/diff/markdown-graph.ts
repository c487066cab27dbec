import type { DiffChange, DiffReport } from "../../domain/diff/report.js";
import { compareInputPaths, parseInputPath, ROOT_LABEL, type InputPath } from "../../domain/lock/input-path.js";
import { mermaidEdge, mermaidText } from "../graph/mermaid.js";
import { shorten } from "../graph/text.js";
import { KIND_TITLES } from "./view.js";
import { visibleOneLine } from "../escape.js";

/**
 * At most this many nodes in a PR comment's graph: legible in a comment's width, and far inside
 * GitHub's Mermaid limits (500 edges, 50,000 characters of diagram).
 */
export const MAX_CHANGED_GRAPH_NODES = 60;

const pathKey = (p: InputPath): string => JSON.stringify(p);

/** The input path a change is about (its `input`), or a follows target (`""` is the root flake). */
const pathOf = (text: string): InputPath | undefined => {
  if (text === "" || text === ROOT_LABEL) return [];
  const p = parseInputPath(text);
  return p.ok ? p.value : undefined;
};

/** Every changed input, each ancestor up to the root, and each new follows target: by key. */
function treeOf(changes: readonly DiffChange[]): {
  paths: InputPath[];
  changed: Map<string, DiffChange>;
  follows: Array<[InputPath, InputPath]>;
} {
  const all = new Map<string, InputPath>([[pathKey([]), []]]);
  const addWithAncestors = (p: InputPath): void => {
    for (let i = 1; i <= p.length; i++) all.set(pathKey(p.slice(0, i)), p.slice(0, i));
  };
  const changed = new Map<string, DiffChange>();
  const follows: Array<[InputPath, InputPath]> = [];
  for (const c of changes) {
    const p = pathOf(c.input);
    if (p === undefined || p.length === 0) continue;
    addWithAncestors(p);
    changed.set(pathKey(p), c);
    const target = c.new?.follows !== undefined ? pathOf(c.new.follows) : undefined;
    if (target !== undefined) {
      addWithAncestors(target);
      follows.push([p, target]);
    }
  }
  return { paths: [...all.values()].sort(compareInputPaths), changed, follows };
}

/**
 * The changed part of the input tree as a Mermaid flowchart for a PR comment: each changed input
 * (its change written in the node), its ancestors up to the root flake, and a dotted arrow to what a
 * changed input now follows. Over MAX_CHANGED_GRAPH_NODES nodes it is left out with a note; for one
 * change of a root input it is left out silently (the table says it all).
 */
export function changedGraph(r: DiffReport): string[] {
  if (r.changes.length === 0) return [];
  const { paths, changed, follows } = treeOf(r.changes);
  // The root and one input of its own: the table says all a picture would.
  if (paths.length < 3) return [];
  if (paths.length > MAX_CHANGED_GRAPH_NODES)
    return [
      `> The graph of the changed inputs is left out: it would have ${paths.length} nodes (at most ${MAX_CHANGED_GRAPH_NODES} are drawn in a comment). \`flake-audit graph\` draws the whole lock.`,
      "",
    ];
  const id = new Map(paths.map((p, i) => [pathKey(p), `n${i}`]));
  const idOf = (p: InputPath): string => id.get(pathKey(p)) ?? "n0";
  const lines = ["Where the changes sit in the input tree:", "", "```mermaid", "flowchart LR"];
  for (const p of paths) {
    const c = changed.get(pathKey(p));
    const name = mermaidText(shorten(visibleOneLine(p[p.length - 1] ?? ROOT_LABEL)));
    // Changed inputs are boxes that say what changed; their ancestors are rounded and say nothing more.
    lines.push(
      c !== undefined
        ? `  ${idOf(p)}["${name}<br/>${mermaidText(KIND_TITLES[c.kind].toLowerCase())}"]`
        : `  ${idOf(p)}("${name}")`,
    );
  }
  for (const p of paths)
    if (p.length > 0) lines.push(`  ${mermaidEdge(idOf(p.slice(0, -1)), idOf(p), "input", undefined)}`);
  for (const [from, to] of follows) lines.push(`  ${mermaidEdge(idOf(from), idOf(to), "follows", undefined)}`);
  lines.push("```", "");
  return lines;
}
