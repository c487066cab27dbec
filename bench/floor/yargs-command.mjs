// The start-up floor of the CLI's argument parser alone: stock yargs, bundled into one CommonJS file
// and run with a code cache (bench/yargs-floor.mjs), declaring eleven commands and, for the one run,
// 46 options of the kinds `sbom` declares (choices, boolean flags with defaults, strings), then
// parsing the command line and doing nothing. No flake-audit code: what any yargs CLI of this size
// pays before its first line of work.
import yargs from "yargs";

const COMMANDS = ["sbom", "check", "diff", "pr-review", "resolve", "trace", "graph", "fleet", "host-report", "verify"];

const options = (y) => {
  let c = y;
  for (let i = 0; i < 45; i++) {
    const name = `option-${i}`;
    if (i % 3 === 0) c = c.option(name, { type: "string", choices: ["a", "b", "c"], describe: `a choice, ${i}` });
    else if (i % 3 === 1) c = c.option(name, { type: "boolean", default: false, describe: `a flag, ${i}` });
    else c = c.option(name, { type: "string", describe: `a value, ${i}` });
  }
  return c.positional("lock", { type: "string", describe: "flake.lock to read" });
};

let cli = yargs(process.argv.slice(2))
  .scriptName("floor")
  .strict()
  .exitProcess(false)
  .version("0.0.0")
  .help()
  .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress" })
  .demandCommand(1);
for (const name of [...COMMANDS, "completion"])
  cli = cli.command(`${name} [lock]`, `the ${name} command`, options, () => {});
cli.parseAsync().then(
  () => {},
  (e) => {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 2;
  },
);
