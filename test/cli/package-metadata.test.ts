import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../support/paths.js";

// What a newcomer (and npm, and an editor) reads about where flake-audit lives.
const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as Record<string, unknown>;
const HOME = "https://github.com/flake-audit/flake-audit";

describe("package.json says where the project lives", () => {
  it("repository, homepage and bugs name the one canonical GitHub home", () => {
    expect(pkg["repository"]).toEqual({ type: "git", url: `git+${HOME}.git` });
    expect(pkg["homepage"]).toBe(`${HOME}#readme`);
    expect(pkg["bugs"]).toEqual({ url: `${HOME}/issues` });
  });

  it("the README names the same home and does not promise an install from a registry that has no package", () => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    const install = readme.slice(readme.indexOf("## Install"), readme.indexOf("## Quick start"));
    expect(install).toContain(HOME);
    expect(install).toMatch(/not published yet/);
    // The registry and github: forms appear only in the sentence about what works once published.
    for (const line of install.split("\n").filter((l) => /npm install -g flake-audit\b|github:flake-audit/.test(l)))
      expect(line).not.toMatch(/^\|/);
  });
});

describe("the JSON Schemas' $id", () => {
  const files = readdirSync(path.join(REPO, "schemas")).filter((f) => f.endsWith(".json"));
  it.each(files)("%s is its own file name (relative), not a made-up host", (file) => {
    const schema = JSON.parse(readFileSync(path.join(REPO, "schemas", file), "utf8")) as { $id?: string };
    expect(schema.$id).toBe(file);
  });
});
