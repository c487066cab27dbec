#!/usr/bin/env node
// The command's first module, kept small: `--version` is answered here, and everything else loads
// the CLI (yargs, the commands) with one import.
import { asksOnlyForVersion, printVersion } from "./cli/start.js";

const argv = process.argv.slice(2);
if (asksOnlyForVersion(argv)) process.exitCode = await printVersion();
else process.exitCode = await (await import("./cli/process.js")).runProcess(argv, process.env);
