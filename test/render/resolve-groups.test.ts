import { describe, expect, it } from "vitest";
import { makeFinding } from "../../src/domain/findings.js";
import type { ResolveReport } from "../../src/domain/provenance/report.js";
import { renderResolveMarkdown } from "../../src/render/resolve/markdown.js";
import { renderResolveText } from "../../src/render/resolve/text.js";

const entry = (input: string, inputPaths: string[]) => ({
  input,
  inputPaths,
  type: "github",
  status: "resolved" as const,
});
const archived = (input: string) => makeFinding("repo-archived", input, { repository: `acme/${input}` });

/** Three archived inputs: one reached by two paths, two brought in by `hyprland`. */
const report: ResolveReport = {
  schemaVersion: 1,
  tool: { name: "flake-audit", version: "0.0.0-test" },
  offline: true,
  requests: 0,
  inputs: [
    entry("tool", ["tool", "app/tool"]),
    entry("hyprland/a", ["hyprland/a"]),
    entry("hyprland/b", ["hyprland/b"]),
  ],
  findings: [archived("hyprland/a"), archived("hyprland/b"), archived("tool")],
  gaps: [],
};

describe("resolve groups its findings", () => {
  it("text: what to do once per rule, transitive inputs under their root input, every path to a source", () => {
    const text = renderResolveText(report);
    expect(text.match(/what to do:/g)).toHaveLength(1);
    expect(text).toContain(
      [
        "  MEDIUM repo-archived (3)",
        "    what to do: Look for a maintained replacement or a fork you trust.",
        "    through hyprland:",
        "      hyprland/a: acme/hyprland/a is archived",
        "      hyprland/b: acme/hyprland/b is archived",
        "    tool: acme/tool is archived (also reached as app/tool)",
      ].join("\n"),
    );
  });
  it("Markdown: one section per rule, nested list, other paths as code", () => {
    const md = renderResolveMarkdown(report);
    expect(md.match(/\*\*What to do:\*\*/g)).toHaveLength(1);
    expect(md).toContain("- through `hyprland`\n  - `hyprland/a`: ");
    expect(md).toContain("; also reached as `app/tool`");
  });
});
