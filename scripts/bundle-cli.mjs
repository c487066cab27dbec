#!/usr/bin/env node
// Builds the `flake-audit` command (package.json `bin`) from src/main.ts with esbuild, into dist/bin/:
// the entry file and the chunks it loads on demand (a command's own code, octokit for --resolve, zod
// to explain a malformed lock, the CycloneDX library for XML).
// Why: run from tsc's output, Node loads ~130 ES modules (ours, yargs', zod's) before the first
// line of a command runs, 150 ms of a small run on a 2-core machine; the bundle's entry is one.
// Usage: node scripts/bundle-cli.mjs [outdir]   (default: dist/bin; run by `npm run build`)
// The bundle must stay two directories below the repository root: src/cli/wire.ts reads the tool's
// version with require("../../package.json") at run time, relative to the file it ends up in.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, transformSync } from "esbuild";
import { REPO, nodeBundleOptions } from "./esbuild-node.mjs";

export const CLI_BUNDLE_DIR = "dist/bin";
export const CLI_ENTRY = "flake-audit.js";

/**
 * Work a dependency does when it is loaded that few runs use; in the bundle it is done on first use
 * instead (each `eager` text is replaced by its `lazy` one):
 * - string-width (loaded with yargs, through cliui and wrap-ansi) builds an Intl.Segmenter: ICU
 *   data, ~20 ms of CPU, a sixth of Node's own start-up, used only for help text;
 * - packageurl-js (loaded with the SBOM renderer) builds an Intl.Collator, 8-24 ms here, used only
 *   for purls the renderer does not write directly (and, before the edit below, by its own loading);
 * - string-width 8 builds Unicode property classes (\p{RGI_Emoji} alone 40-50 ms) only non-ASCII needs;
 * - the CycloneDX library's SPDX module (loaded with the SBOM renderer) evaluates the 70 kB list of
 *   SPDX ids and indexes it twice, used only for package licences (closures, not locks).
 * A dependency that no longer has a text fails the build, so that the change is seen.
 */
const LAZY = [
  {
    file: /[\\/]string-width[\\/]index\.js$/,
    edits: [
      [
        "const segmenter = new Intl.Segmenter();",
        "let eager;\nconst segmenter = { segment: (s) => (eager ??= new Intl.Segmenter()).segment(s) };",
      ],
    ],
  },
  {
    // string-width 8 (ours, render/wrap.ts; yargs' own copies are 7.x, without these classes).
    // By its real path, as esbuild names files (node_modules may be a link, as in test/package).
    file: new RegExp(
      `^${realpathSync(path.join(REPO, "node_modules", "string-width", "index.js")).replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}$`,
    ),
    edits: [
      // The Unicode property classes are built when the RegExp is constructed: \p{RGI_Emoji} alone
      // takes 40-50 ms here, and the bundle's target (node20) turns the literals into constructors run
      // at load. Only text outside printable ASCII needs them (string-width's fast path answers the rest).
      [
        "const visibleCharacterRegex = /[^\\p{Default_Ignorable_Code_Point}\\p{Control}\\p{Format}\\p{Nonspacing_Mark}\\p{Enclosing_Mark}\\p{Surrogate}]/v;\nconst spacingMarkRegex = /\\p{Spacing_Mark}/v;",
        "let visibleLazy, spacingLazy, emojiLazy;\nconst visibleCharacterRegex = () => (visibleLazy ??= /[^\\p{Default_Ignorable_Code_Point}\\p{Control}\\p{Format}\\p{Nonspacing_Mark}\\p{Enclosing_Mark}\\p{Surrogate}]/v);\nconst spacingMarkRegex = () => (spacingLazy ??= /\\p{Spacing_Mark}/v);",
      ],
      ["const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;", "const rgiEmojiRegex = () => (emojiLazy ??= /^\\p{RGI_Emoji}$/v);"],
      ["segment.search(visibleCharacterRegex)", "segment.search(visibleCharacterRegex())"],
      ["!visibleCharacterRegex.test(character)", "!visibleCharacterRegex().test(character)"],
      ["spacingMarkRegex.test(character)", "spacingMarkRegex().test(character)"],
      ["rgiEmojiRegex.test(segment)", "rgiEmojiRegex().test(segment)"],
    ],
  },
  {
    // yargs' platform shim imports node:assert for two checks it makes on every run; loading it loads
    // its error formatting, which builds process.stderr and Node's stream modules (~6 ms) in runs that
    // never write to stderr. The checks are made as before; node:assert is loaded to throw when one fails.
    file: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/,
    edits: [
      ["import { notStrictEqual, strictEqual } from 'assert'\n", ""],
      // Read when help is printed: asked at load, it built process.stdout (Node's stream modules) in every run.
      [
        "    stdColumns: typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null",
        "    get stdColumns() { return typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null }",
      ],
      [
        "  assert: {\n    notStrictEqual,\n    strictEqual\n  },",
        "  assert: {\n    notStrictEqual: (actual, expected, message) => { if (Object.is(actual, expected)) require('node:assert').notStrictEqual(actual, expected, message) },\n    strictEqual: (actual, expected, message) => { if (!Object.is(actual, expected)) require('node:assert').strictEqual(actual, expected, message) }\n  },",
      ],
    ],
  },
  {
    // yargs() defines --version from a guess: it reads the package.json of the working directory (the
    // user's project, not flake-audit's), which a run then replaces with the tool's own version
    // (cli/parser.ts). The guess cost a directory listing and a parse, and a package.json that is
    // a FIFO or is huge hung or slowed every command; the version is now only the one given.
    file: /[\\/]yargs[\\/]build[\\/]lib[\\/]yargs-factory\.js$/,
    edits: [["        yargs.help();\n        yargs.version();\n", "        yargs.help();\n"]],
  },
  {
    file: /[\\/]packageurl-js[\\/]src[\\/]strings\.js$/,
    edits: [
      [
        "const { compare: localeCompare } = new Intl.Collator()",
        "let eager\nconst localeCompare = (a, b) => (eager ??= new Intl.Collator()).compare(a, b)",
      ],
    ],
  },
  {
    // Loading purl-component.js sorts the component names with this comparator, which made every
    // SBOM run build the collator anyway. The known components map to the numbers 0-7, whose order
    // as one-digit strings (the collator's) is their numeric order; other names still use the collator.
    file: /[\\/]packageurl-js[\\/]src[\\/]purl-component\.js$/,
    edits: [
      [
        "    return localeCompare(componentSortOrder(compA), componentSortOrder(compB))",
        "    const a = componentSortOrder(compA), b = componentSortOrder(compB)\n    return typeof a === 'number' && typeof b === 'number' ? a - b : localeCompare(a, b)",
      ],
    ],
  },
  {
    file: /[\\/]@cyclonedx[\\/]cyclonedx-library[\\/]dist\.node[\\/]spdx\.js$/,
    edits: [
      [
        'const spdx_SNAPSHOT_schema_json_1 = require("../res/schema/spdx.SNAPSHOT.schema.json");\nconst spdxIds = new Set(spdx_SNAPSHOT_schema_json_1.enum);\nconst spdxLowerToActual = Object.freeze(Object.fromEntries(spdx_SNAPSHOT_schema_json_1.enum.map(spdxId => [spdxId.toLowerCase(), spdxId])));',
        'const spdxEnum = () => require("../res/schema/spdx.SNAPSHOT.schema.json").enum;\nlet ids, lower;\nconst spdxIds = () => (ids ??= new Set(spdxEnum()));\nconst spdxLowerToActual = () => (lower ??= Object.freeze(Object.fromEntries(spdxEnum().map(spdxId => [spdxId.toLowerCase(), spdxId]))));',
      ],
      ["return spdxIds.has(value);", "return spdxIds().has(value);"],
      ["? spdxLowerToActual[value.toLowerCase()]", "? spdxLowerToActual()[value.toLowerCase()]"],
    ],
  },
];
// One onLoad for all entries: esbuild runs only the first callback that answers for a file, and a
// file may need the edits of several entries (string-width 8 has two).
const lazyInit = {
  name: "lazy-init",
  setup(build) {
    const used = new Set();
    build.onLoad({ filter: new RegExp(LAZY.map((e) => e.file.source).join("|")) }, async (args) => {
      let text = await readFile(args.path, "utf8");
      for (const entry of LAZY.filter((e) => e.file.test(args.path))) {
        used.add(entry);
        for (const [eager, lazy] of entry.edits) {
          if (!text.includes(eager))
            throw new Error(`${args.path} has no '${eager}': see LAZY in scripts/bundle-cli.mjs`);
          text = text.replace(eager, lazy);
        }
      }
      return { contents: text, loader: "js", resolveDir: path.dirname(args.path) };
    });
    build.onEnd(() => {
      const unused = LAZY.filter((e) => !used.has(e));
      if (unused.length > 0)
        throw new Error(`no file matched ${unused.map((e) => e.file).join(", ")}: see LAZY in scripts/bundle-cli.mjs`);
    });
  },
};

export async function bundleCli(outdir = path.join(REPO, CLI_BUNDLE_DIR)) {
  rmSync(outdir, { recursive: true, force: true });
  const generatedBy = "scripts/bundle-cli.mjs from src/main.ts (`npm run build`)";
  const result = await build({
    ...nodeBundleOptions(generatedBy),
    // CommonJS has its own require: the ES-module banner's is not needed (toCommonJs heads the files).
    banner: { js: "" },
    entryPoints: { "flake-audit": "src/main.ts" },
    outdir,
    // Dynamic imports stay dynamic: each becomes a chunk loaded only by the runs that need it.
    splitting: true,
    // Chunks sit beside the entry, two levels below the root like it (see wire.ts above).
    chunkNames: "[name]-[hash]",
    plugins: [lazyInit],
    write: false,
  });
  if (result.errors.length > 0) throw new Error("esbuild failed");
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) writeFileSync(file.path, toCommonJs(file.text, generatedBy));
  // The chunks are CommonJS in a package whose files are ES modules: this directory says so to Node.
  writeFileSync(path.join(outdir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  const entry = path.join(outdir, CLI_ENTRY);
  chmodSync(entry, 0o755);
  recordCodeCache(outdir);
  return entry;
}

/**
 * One chunk as CommonJS: esbuild splits only ES modules, and Node 20 loads a CommonJS file with less
 * work than an ES module (no asynchronous reads and links per file: ~10 ms of a small run over ~45
 * chunks), and compiles it with a code cache (src/cli/code-cache.ts), which it cannot for ES modules.
 * A dynamic import() of a chunk becomes a require() run when it was (the chunk still loads on demand).
 */
function toCommonJs(text, generatedBy) {
  const usesMeta = text.includes("import.meta");
  const meta = 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;';
  // esbuild heads each module with its path (`// node_modules/zod/…`), which a transform drops unless
  // it is a legal comment: kept as one, then given back its own form (tests and readers go by them).
  const marked = text.replace(/^\/\/ ((?:node_modules|src)\/\S*)$/gm, "//! $1");
  const { code } = transformSync(marked, {
    format: "cjs",
    target: "node20",
    loader: "js",
    supported: { "dynamic-import": false },
    define: usesMeta ? { "import.meta.url": "__importMetaUrl" } : {},
    banner: [`// Generated by ${generatedBy}: do not edit.`, ...(usesMeta ? [meta] : [])].join("\n"),
    legalComments: "inline",
    // The bundle step has already warned about our code; what is left is dependencies' style.
    logLevel: "error",
  });
  return code.replace(/^\/\/! ((?:node_modules|src)\/\S*)$/gm, "// $1");
}

/** V8's code for the chunks, from typical runs (scripts/code-cache.mjs), read by src/cli/code-cache.ts. */
function recordCodeCache(outdir) {
  const r = spawnSync(process.execPath, [path.join(REPO, "scripts", "code-cache.mjs"), outdir], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) throw new Error(`scripts/code-cache.mjs failed (${r.status ?? r.signal})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Nothing on stdout: `npm pack --json` runs this through `prepare` and its stdout must stay JSON.
  await bundleCli(process.argv[2] === undefined ? undefined : path.resolve(process.argv[2]));
}
