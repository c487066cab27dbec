#!/usr/bin/env node
// The command's first module, kept small: `--version` is answered here, and everything else loads
// the CLI (yargs, the commands) with one import.
import * as nodeModule from "node:module";
import { asksOnlyForVersion, printVersion } from "./cli/start.js";

// Node 22.1+ keeps compiled code of the modules loaded after this on disk (its own cache directory,
// NODE_DISABLE_COMPILE_CACHE turns it off): compiling the CLI's chunks is most of a small run.
// Node 20 has no such cache; there the call is skipped.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const argv = process.argv.slice(2);
if (asksOnlyForVersion(argv)) process.exitCode = await printVersion();
else process.exitCode = await (await import("./cli/process.js")).runProcess(argv, process.env);
