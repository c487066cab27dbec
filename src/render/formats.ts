import type { CheckReport } from "../domain/policy/report.js";
import type { DiffReport } from "../domain/diff/report.js";
import type { ResolveReport } from "../domain/provenance/report.js";
import type { TraceReport } from "../domain/closure/trace-report.js";

/** What the terminal allows; renderers that do not colour ignore it. */
export interface RenderOptions {
  readonly color: boolean;
}

type Loader<R> = () => Promise<(report: R, opts: RenderOptions) => string>;

/**
 * Which renderer answers which --format, per command, loaded on demand so that `--help` and the
 * other formats never load a renderer they do not use.
 */
export const RENDERERS = {
  trace: {
    text: async () => (await import("./trace/text.js")).renderTraceText,
    markdown: async () => (await import("./trace/markdown.js")).renderTraceMarkdown,
    json: async () => (await import("./trace/json.js")).renderTraceJson,
  } satisfies Record<string, Loader<TraceReport>>,
  resolve: {
    text: async () => (await import("./resolve/text.js")).renderResolveText,
    markdown: async () => (await import("./resolve/markdown.js")).renderResolveMarkdown,
    json: async () => (await import("./resolve/json.js")).renderResolveJson,
  } satisfies Record<string, Loader<ResolveReport>>,
  diff: {
    text: async () => (await import("./diff/text.js")).renderDiffText,
    markdown: async () => (await import("./diff/markdown.js")).renderDiffMarkdown,
    json: async () => (await import("./diff/json.js")).renderDiffJson,
  } satisfies Record<string, Loader<DiffReport>>,
  check: {
    text: async () => (await import("./check/text.js")).renderCheckText,
    markdown: async () => (await import("./check/markdown.js")).renderCheckMarkdown,
    json: async () => (await import("./check/json.js")).renderCheckJson,
    sarif: async () => (await import("./check/sarif.js")).renderSarif,
  } satisfies Record<string, Loader<CheckReport>>,
} as const;
