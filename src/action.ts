// The GitHub Action's entry (action.yml `runs.main`, bundled by scripts/bundle-action.mjs).
import { runAction } from "./cli/action.js";
import { nodeIo } from "./cli/node-io.js";

process.exitCode = await runAction(process.env, nodeIo());
