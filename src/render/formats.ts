import type { CheckReport } from "../domain/policy/report.js";
import type { DiffReport } from "../domain/diff/report.js";
import type { ResolveReport } from "../domain/provenance/report.js";
import type { TraceReport } from "../domain/closure/trace-report.js";
import type { FleetReport } from "../domain/fleet/report.js";
import type { VerifyReport } from "../domain/signature/verify-report.js";

import { renderJson } from "./json.js";

/** What the terminal allows; renderers that do not colour or wrap ignore it. */
export interface RenderOptions {
  readonly color: boolean;
  /** Display columns text reports wrap prose to (render/wrap.ts); 80 when not given. */
  readonly width?: number;
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
    json: async () => renderJson<TraceReport>((await import("./trace/report.schema.js")).TraceReportSchema),
    html: async () => (await import("./trace/html.js")).renderTraceHtml,
  } satisfies Record<string, Loader<TraceReport>>,
  resolve: {
    text: async () => (await import("./resolve/text.js")).renderResolveText,
    markdown: async () => (await import("./resolve/markdown.js")).renderResolveMarkdown,
    json: async () => renderJson<ResolveReport>((await import("./resolve/report.schema.js")).ResolveReportSchema),
  } satisfies Record<string, Loader<ResolveReport>>,
  diff: {
    text: async () => (await import("./diff/text.js")).renderDiffText,
    markdown: async () => (await import("./diff/markdown.js")).renderDiffMarkdown,
    json: async () => renderJson<DiffReport>((await import("./diff/report.schema.js")).DiffReportSchema),
    html: async () => (await import("./diff/html.js")).renderDiffHtml,
  } satisfies Record<string, Loader<DiffReport>>,
  check: {
    text: async () => (await import("./check/text.js")).renderCheckText,
    markdown: async () => (await import("./check/markdown.js")).renderCheckMarkdown,
    json: async () => renderJson<CheckReport>((await import("./check/report.schema.js")).CheckReportSchema),
    sarif: async () => (await import("./check/sarif.js")).renderSarif,
    html: async () => (await import("./check/html.js")).renderCheckHtml,
  } satisfies Record<string, Loader<CheckReport>>,
  fleet: {
    text: async () => (await import("./fleet/text.js")).renderFleetText,
    markdown: async () => (await import("./fleet/markdown.js")).renderFleetMarkdown,
    json: async () => (await import("./fleet/json.js")).renderFleetJson,
    html: async () => (await import("./fleet/html.js")).renderFleetHtml,
  } satisfies Record<string, Loader<FleetReport>>,
  verify: {
    text: async () => (await import("./verify/text.js")).renderVerifyText,
    json: async () => renderJson<VerifyReport>((await import("./verify/report.schema.js")).VerifyReportSchema),
  } satisfies Record<string, Loader<VerifyReport>>,
} as const;
