import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(REPO, "fixtures");
export const SHARED = path.resolve(REPO, "../shared");
export const CORPUS = path.join(SHARED, "corpus");
export const hasCorpus = existsSync(path.join(CORPUS, "SOURCES.tsv"));

export const lockFixtures = (kind: "valid" | "invalid"): string[] =>
  readdirSync(path.join(FIXTURES, "flake-lock", kind))
    .filter((f) => f.endsWith(".lock"))
    .sort();
export const lockFixture = (kind: "valid" | "invalid", name: string): string =>
  path.join(FIXTURES, "flake-lock", kind, name);
