import { readFileSync } from "node:fs";
import Module from "node:module";
import path from "node:path";
import { Script } from "node:vm";

/**
 * V8's compiled code for the bundled command's chunks, made when the command is built
 * (scripts/code-cache.mjs runs typical commands and saves what V8 compiled) and read when it runs.
 * Why: compiling the JavaScript is half of a small run's work beyond Node's own start-up, and Node 20
 * keeps no compile cache of its own. The data is only read: nothing is written at run time, and it
 * lives beside the code it was made from (writing it takes the same rights as changing that code).
 */
export const CODE_CACHE_MANIFEST = "code-cache.json";
export const CODE_CACHE_SUFFIX = ".v8cache";

/** V8 rejects data from another V8 or platform; the stamp spares reading it at all then. */
export const codeCacheStamp = (): string =>
  `${process.version} ${process.platform} ${process.arch} ${process.versions.v8}`;

interface Manifest {
  readonly stamp: string;
  readonly files: readonly string[];
}

const isManifest = (v: unknown): v is Manifest =>
  typeof v === "object" &&
  v !== null &&
  "stamp" in v &&
  typeof v.stamp === "string" &&
  "files" in v &&
  Array.isArray(v.files) &&
  v.files.every((f) => typeof f === "string");

function readManifest(dir: string): Manifest | undefined {
  try {
    const m: unknown = JSON.parse(readFileSync(path.join(dir, CODE_CACHE_MANIFEST), "utf8"));
    return isManifest(m) && m.stamp === codeCacheStamp() ? m : undefined;
  } catch {
    return undefined; // no cache (a build without one, or the TypeScript output): compile as usual
  }
}

// Node 22 passes a third argument (the module format); whatever follows the file name is passed on as given.
type Compile = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;
/** The parts of Node's CommonJS loader used here (internal names, stable since Node 0.x). */
interface Loader {
  prototype: { _compile: Compile };
  wrap(content: string): string;
  _resolveFilename(request: string, parent: Module | undefined, isMain: boolean, options?: unknown): string;
  _cache: NodeJS.Require["cache"];
}

const isLoader = (m: unknown): m is Loader =>
  typeof m === "function" &&
  "wrap" in m &&
  typeof m.wrap === "function" &&
  "_resolveFilename" in m &&
  typeof m._resolveFilename === "function" &&
  "prototype" in m &&
  typeof m.prototype === "object" &&
  m.prototype !== null &&
  "_compile" in m.prototype &&
  typeof m.prototype._compile === "function";

/**
 * Compiles the chunks in `dir` that have cached code with it, as Node's CommonJS loader would compile
 * them (the same wrapper and file name, which V8 checks the data against); any other module, and any
 * chunk whose data V8 rejects, is compiled as usual. A Node whose loader differs keeps its own.
 */
export function useCodeCache(dir: string): void {
  const manifest = readManifest(dir);
  const loader: unknown = Module;
  if (manifest === undefined || !isLoader(loader)) return;
  const cached = new Set(manifest.files);
  resolveChunksDirectly(loader, dir, cached);
  const compile = loader.prototype._compile;
  loader.prototype._compile = function (this: Module, content: string, filename: string, ...rest: unknown[]) {
    const name = path.basename(filename);
    if (path.dirname(filename) !== dir || !cached.has(name)) return compile.call(this, content, filename, ...rest);
    let cachedData: Buffer;
    try {
      cachedData = readFileSync(`${filename}${CODE_CACHE_SUFFIX}`);
    } catch {
      return compile.call(this, content, filename, ...rest);
    }
    const fn: unknown = new Script(loader.wrap(content), { filename, cachedData }).runInThisContext();
    if (typeof fn !== "function") return compile.call(this, content, filename, ...rest);
    return fn.call(this.exports, this.exports, requireOf(this, loader), this, filename, path.dirname(filename));
  };
}

/**
 * A chunk asking for another by its own name ("./chunk-….js") gets its path without Node's search:
 * the file is known to be beside it, and the search (a stat and a realpath of every directory above
 * it, per require) is ~7 ms of a run's ~45 requires. Any other request is resolved by Node.
 */
function resolveChunksDirectly(loader: Loader, dir: string, chunks: ReadonlySet<string>): void {
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request, parent, isMain, options) {
    const name = request.startsWith("./") ? request.slice(2) : "";
    if (chunks.has(name) && !isMain && parent?.filename !== undefined && path.dirname(parent.filename) === dir)
      return path.join(dir, name);
    return resolve.call(this, request, parent, isMain, options);
  };
}

/** The `require` a module's code is given: the module's own, as Node's loader makes it. */
function requireOf(mod: Module, loader: Loader) {
  // No `main` or `extensions`: no bundled module reads them.
  return Object.assign((id: string): unknown => mod.require(id), {
    resolve: (request: string, options?: unknown): string => loader._resolveFilename(request, mod, false, options),
    cache: loader._cache,
  });
}
