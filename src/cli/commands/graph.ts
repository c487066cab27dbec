import type { Argv } from "yargs";
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { outcome, type Outcome } from "../outcome.js";
import { UsageError } from "../../app/errors.js";
import type { GraphDepth } from "../../domain/graph/collapse.js";
import { GRAPH_RENDERERS } from "../../render/graph/formats.js";
import { formatOption, formatsOf, nowOption, outputOption, parseNow } from "./shared-options.js";

export const command = "graph [lock]";
export const describe =
  "Draw the input graph of a flake.lock (follows resolved; duplicate, stale and unlocked inputs marked)";
const FORMATS = formatsOf(GRAPH_RENDERERS);

/** Nothing is asked of GitHub or nix, and marks are no findings to gate on: 0, or why not. */
export const exitCodes: readonly ExitCode[] = [ExitCode.Ok, ExitCode.Usage, ExitCode.InvalidInput, ExitCode.Internal];

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return y
    .positional("lock", { type: "string", describe: "flake.lock to draw (- for stdin; default ./flake.lock)" })
    .option(
      "format",
      formatOption(
        ctx.env,
        FORMATS,
        "dot",
        "dot (Graphviz), mermaid (flowchart), svg (laid out by ELK) or html (that SVG on a report page)",
      ),
    )
    .option("depth", {
      type: "number",
      describe:
        "draw inputs up to this input-path depth, each deeper subtree as one `+K inputs` node (default: as deep as fits 80 nodes)",
    })
    .option("all", { type: "boolean", default: false, describe: "draw every input, however large the lock" })
    .option("policy", { type: "string", describe: "policy whose thresholds mark stale and unlocked inputs (as check)" })
    .option("now", nowOption("the date ages are counted to (ISO 8601); nothing else reads the clock"))
    .option("output", outputOption)
    .example("$0 graph --format svg -o inputs.svg", "a picture of ./flake.lock")
    .example("$0 graph --format dot | dot -Tpng > inputs.png", "through Graphviz")
    .example("$0 graph --all --format mermaid", "every input, as a Mermaid flowchart");
}

export interface GraphArgs {
  readonly lock?: string | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly depth?: number | undefined;
  readonly all: boolean;
  readonly policy?: string | undefined;
  readonly now?: string | undefined;
  readonly output?: string | undefined;
}

/** --depth and --all as one choice. */
export function depthOf(args: Pick<GraphArgs, "depth" | "all">): GraphDepth {
  if (args.depth !== undefined && args.all) throw new UsageError("--depth and --all both given: choose one");
  if (args.all) return { kind: "all" };
  if (args.depth === undefined) return { kind: "auto" };
  if (!Number.isInteger(args.depth) || args.depth < 1)
    throw new UsageError(`--depth must be a whole number of at least 1, found ${String(args.depth)}`);
  return { kind: "depth", depth: args.depth };
}

export async function handler(args: GraphArgs, ctx: CommandContext): Promise<Outcome> {
  const depth = depthOf(args);
  const { graphUseCase } = await import("../../app/graph.js");
  const w = ctx.wiring();
  const graph = await graphUseCase(
    {
      lockPath: args.lock ?? "flake.lock",
      ...(args.policy !== undefined ? { policyPath: args.policy } : {}),
      now: parseNow(args.now) ?? w.now,
      depth,
    },
    w.files,
  );
  const render = await GRAPH_RENDERERS[args.format]();
  await ctx.write(await render(graph, w.tool), args.output);
  return outcome();
}
