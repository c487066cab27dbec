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

type Compile = (this: Module, content: string, filename: string) => unknown;
interface CompilingModule {
  prototype: { _compile: Compile };
  wrap(content: string): string;
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
}

/**
 * Compiles the chunks in `dir` that have cached code with it, as Node's CommonJS loader would compile
 * them (the same wrapper and file name, which V8 checks the data against); any other module, and any
 * chunk whose data V8 rejects, is compiled as usual.
 */
export function useCodeCache(dir: string): void {
  const manifest = readManifest(dir);
  if (manifest === undefined) return;
  const cached = new Set(manifest.files);
  const M = Module as unknown as CompilingModule;
  const compile = M.prototype._compile;
  M.prototype._compile = function (this: Module, content: string, filename: string) {
    const name = path.basename(filename);
    if (path.dirname(filename) !== dir || !cached.has(name)) return compile.call(this, content, filename);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(`${filename}${CODE_CACHE_SUFFIX}`);
    } catch {
      return compile.call(this, content, filename);
    }
    const fn: unknown = new Script(M.wrap(content), { filename, cachedData }).runInThisContext();
    return (fn as (...a: unknown[]) => unknown).call(
      this.exports,
      this.exports,
      requireOf(this, M),
      this,
      filename,
      path.dirname(filename),
    );
  };
}

/** The `require` a module's code is given: the module's own, as Node's loader makes it. */
function requireOf(mod: Module, M: CompilingModule): NodeJS.Require {
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  req.resolve = ((request: string, options?: unknown) =>
    M._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  req.cache = (Module as unknown as { _cache: NodeJS.Require["cache"] })._cache;
  return req; // no `main`: no bundled module reads require.main
}
