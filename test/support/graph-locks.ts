import { buildInputGraph } from "../../src/domain/graph/build.js";
import type { GraphDepth } from "../../src/domain/graph/collapse.js";
import type { InputGraph } from "../../src/domain/graph/model.js";
import { buildInventory } from "../../src/domain/lock/inventory.js";
import { traverseLock } from "../../src/domain/lock/traversal.js";
import { evaluatePolicy } from "../../src/domain/policy/evaluate.js";
import { BUILT_IN_POLICY } from "../../src/domain/policy/policy.js";
import { parseOrThrow } from "./lock.js";

/** The instant the graph tests count ages to. */
export const GRAPH_NOW = new Date("2026-12-01T00:00:00Z");
const DAY = 86400;
const at = (daysAgo: number): number => Math.floor(GRAPH_NOW.getTime() / 1000) - daysAgo * DAY;
const hash = (n: number): string => `sha256-${Buffer.alloc(32, n).toString("base64")}`;
const rev = (n: number): string => n.toString(16).padStart(40, "0");

type Inputs = Record<string, string | string[]>;

/** A github node: owner/repo at a rev, `daysAgo` old, with its inputs. */
export const github = (owner: string, repo: string, n: number, daysAgo: number, inputs: Inputs = {}) => ({
  inputs,
  locked: { lastModified: at(daysAgo), narHash: hash(n), owner, repo, rev: rev(n), type: "github" },
  original: { owner, repo, type: "github" },
});

/**
 * The synthetic lock of the graph goldens: follows (home-manager/nixpkgs → nixpkgs), a duplicate
 * (nixpkgs at a second revision under `tool`), a stale input (flake-utils, 400 days), an unlocked
 * one (`mutable`: a git URL without narHash) and one source reached twice without follows (`systems`).
 */
export function syntheticLock(): string {
  return JSON.stringify({
    nodes: {
      root: { inputs: { "home-manager": "home-manager", nixpkgs: "nixpkgs", tool: "tool", mutable: "mutable" } },
      nixpkgs: github("NixOS", "nixpkgs", 1, 5),
      "home-manager": github("nix-community", "home-manager", 2, 3, { nixpkgs: ["nixpkgs"] }),
      tool: github("someone", "tool", 3, 10, { nixpkgs: "nixpkgs_2", "flake-utils": "flake-utils" }),
      nixpkgs_2: github("NixOS", "nixpkgs", 4, 20),
      "flake-utils": github("numtide", "flake-utils", 5, 400, { systems: "systems" }),
      systems: github("nix-systems", "default", 6, 50),
      mutable: {
        locked: { rev: rev(7), type: "git", url: "https://example.org/mutable.git" },
        original: { type: "git", url: "https://example.org/mutable.git" },
      },
    },
    root: "root",
    version: 7,
  });
}

/**
 * A lock whose names and URLs try to break out of every output syntax: DOT (`"];`, `\N`), Mermaid
 * (`-->`, `|`, `#`, brackets), XML/HTML (`<script>`, `&`, a forbidden control character), and lines
 * (newlines), plus a bidi override.
 */
export function hostileLock(): string {
  const evil = 'x"];\ny -> z [label="pwn';
  const arrow = "a-->b|c#d[e]{f}";
  const tag = "<script>alert(1)</script>&amp;\u0001\uffff";
  return JSON.stringify({
    nodes: {
      root: { inputs: { [evil]: "n1", [arrow]: "n2", [tag]: "n3", "bidi\u202eevil": "n1" } },
      n1: {
        locked: {
          narHash: hash(1),
          type: "tarball",
          url: 'https://example.org/"];\n<script>x</script>.tar.gz',
          lastModified: at(1),
        },
        original: { type: "tarball", url: "https://example.org/a.tar.gz" },
      },
      n2: { ...github('o"wn<er>', "re`po`-->", 2, 1, { [tag]: [arrow], "\\N\\l": "n3" }) },
      n3: {
        locked: {
          narHash: hash(3),
          type: "git",
          url: "https://example.org/<img src=x onerror=alert(1)>#\n%%{init}",
          rev: rev(3),
          lastModified: at(2),
        },
        original: { type: "git", url: "https://example.org/x" },
      },
    },
    root: "root",
    version: 7,
  });
}

/** A generated lock of `n` sources, real-size in shape: ~40 root inputs, each with a few inputs and follows to nixpkgs. */
export function generatedLock(n: number): string {
  const nodes: Record<string, object> = {};
  const rootInputs: Inputs = { nixpkgs: "nixpkgs" };
  nodes["nixpkgs"] = github("NixOS", "nixpkgs", 0, 5);
  let made = 1;
  for (let i = 0; made < n; i++) {
    const name = `top${i}`;
    const inputs: Inputs = { nixpkgs: ["nixpkgs"] };
    for (let j = 0; j < 4 && made + 1 < n; j++) {
      const child = `${name}-dep${j}`;
      const leaf = `${child}-leaf`;
      nodes[leaf] = github("leaf", leaf, made + 2, 10);
      nodes[child] = github("dep", child, made + 1, 10, { leaf, nixpkgs: ["nixpkgs"] });
      inputs[`dep${j}`] = child;
      made += 2;
    }
    nodes[name] = github("top", name, made + 1, 10, inputs);
    rootInputs[name] = name;
    made++;
  }
  nodes["root"] = { inputs: rootInputs };
  return JSON.stringify({ nodes, root: "root", version: 7 });
}

/** The graph of a lock's text at GRAPH_NOW with the built-in policy, as `flake-audit graph` builds it. */
export function graphOf(text: string, depth: GraphDepth = { kind: "auto" }, source = "flake.lock"): InputGraph {
  const graph = parseOrThrow(text, source);
  const walk = traverseLock(graph);
  const inventory = buildInventory(graph, undefined, { storePaths: false, walk });
  const { findings } = evaluatePolicy(inventory, undefined, BUILT_IN_POLICY, GRAPH_NOW);
  return buildInputGraph({ source, graph, walk, inventory, findings, depth });
}
