import { collapsedLabel, marksText, type GraphNode } from "../../domain/graph/model.js";
import { replaceXmlForbidden, visibleOneLine } from "../escape.js";

/** Longest line drawn in a node; the whole text is in its <title> / tooltip. */
export const MAX_LINE = 48;

/** At most `max` code points, the cut shown by `…`. */
export function shorten(s: string, max = MAX_LINE): string {
  const points = [...s];
  return points.length <= max ? s : `${points.slice(0, max - 1).join("")}…`;
}

/** The lines a node shows, shortened and visible (not yet escaped for any syntax). */
export function nodeLines(n: GraphNode): string[] {
  switch (n.kind) {
    case "root":
      return [n.label];
    case "collapsed":
      return [collapsedLabel(n.hidden)];
    case "input": {
      const marks = marksText(n);
      return [n.label, n.source, ...(marks !== "" ? [`[${marks}]`] : [])].map((l) => shorten(visibleOneLine(l)));
    }
  }
}

/** A node's whole description, for <title>, aria-label and tooltips (unshortened, visible). */
export function nodeTitle(n: GraphNode): string {
  switch (n.kind) {
    case "root":
      return "the root flake";
    case "collapsed":
      return `${collapsedLabel(n.hidden)} not drawn (--depth or --all draws them)`;
    case "input": {
      const marks = marksText(n);
      const paths = n.paths > 1 ? `; reached by ${n.paths} input paths` : "";
      return visibleOneLine(`${n.label}: ${n.source}${marks !== "" ? `; ${marks}` : ""}${paths}`);
    }
  }
}

/** XML character data and attribute values: markup characters as entities, what XML 1.0 forbids made visible. */
export const escapeXml = (s: string): string =>
  replaceXmlForbidden(s).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The names an edge is labelled with: only those that differ from the last input-path name of the
 * node it points at (`nixpkgs → nixpkgs` says nothing; `nixpkgs-lib → nixpkgs` does).
 */
export function edgeNames(names: readonly string[], target: GraphNode | undefined, max = MAX_LINE): string | undefined {
  const last = target?.kind === "input" ? target.path[target.path.length - 1] : undefined;
  const told = names.filter((n) => n !== last);
  return told.length > 0 ? shorten(visibleOneLine(told.join(", ")), max) : undefined;
}
