import type { Files } from "../../app/ports.js";
import { isStdin } from "../../app/stdin.js";

type SbomModel = Awaited<ReturnType<typeof import("../../app/sbom.js")["buildSbom"]>>["model"];

/**
 * The compliance summary beside the SBOM (--html-report), with the input graph as `graph --format
 * svg` draws it. Without a timestamp (reproducible, no SOURCE_DATE_EPOCH) ages count to the epoch,
 * so nothing is marked stale and the bytes stay fixed; a lock read from stdin cannot be read twice,
 * so it is summarised without the graph.
 */
export async function summaryHtml(
  model: SbomModel,
  read: { sbomFile: string | undefined; lockPath: string | undefined; timestamp: Date | undefined },
  files: Files,
): Promise<string> {
  const { sbomFile, lockPath, timestamp } = read;
  const { renderSbomSummaryHtml } = await import("../../render/sbom/html-summary.js");
  const graphSvg =
    lockPath !== undefined && !isStdin(lockPath)
      ? await inputGraphSvg(lockPath, timestamp ?? new Date(0), files)
      : undefined;
  return renderSbomSummaryHtml(model, {
    ...(sbomFile !== undefined ? { sbomFile } : {}),
    ...(graphSvg !== undefined ? { graphSvg } : {}),
  });
}

async function inputGraphSvg(lockPath: string, now: Date, files: Files): Promise<string> {
  const [{ graphUseCase }, { GRAPH_RENDERERS }] = await Promise.all([
    import("../../app/graph.js"),
    import("../../render/graph/formats.js"),
  ]);
  const graph = await graphUseCase({ lockPath, now, depth: { kind: "auto" } }, files);
  return (await GRAPH_RENDERERS.svg())(graph);
}
