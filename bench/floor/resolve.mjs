// Floor of `resolve LOCK --format json`: one entry per input, without asking anyone (so the ratio
// includes the network round trips to the stand-in GitHub, 50 ms each).
import { readJson } from "./common.mjs";

const lock = readJson(process.argv[2]);
const inputs = Object.entries(lock.nodes)
  .filter(([, n]) => n.locked !== undefined)
  .map(([key, n]) => ({
    input: key,
    status: "resolved",
    owner: n.locked.owner,
    repo: n.locked.repo,
    rev: n.locked.rev,
  }));
process.stdout.write(`${JSON.stringify({ inputs }, null, 2)}\n`);
