import type { Argv } from "yargs";
import { UsageError } from "../../app/errors.js";
import { RENDERERS } from "../../render/formats.js";
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { textWidth } from "../io.js";
import { outcome, type Outcome } from "../outcome.js";
import { formatOption, formatsOf, outputOption } from "./shared-options.js";

export const command = "verify <sbom>";
export const describe = "Verify the JSF signature of a CycloneDX JSON SBOM (as `sbom --sign-key` or cdx-sign wrote it)";
const FORMATS = formatsOf(RENDERERS.verify);

export const exitCodes: readonly ExitCode[] = [
  ExitCode.Ok,
  ExitCode.Findings,
  ExitCode.Usage,
  ExitCode.InvalidInput,
  ExitCode.Internal,
];

/** verify has no --fail-on: 1 is its verdict, 3 its unreadable files. */
export const exitMeanings: Partial<Record<ExitCode, string>> = {
  0: "the SBOM's signature (and every nested one) verifies with the key",
  1: "invalid: a signature does not verify (content changed after signing, another key), algorithm and key do not match, or the SBOM has no signature",
  3: "the SBOM or the key cannot be read, or is not a CycloneDX JSON SBOM / a PEM public key",
};

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return y
    .positional("sbom", {
      type: "string",
      demandOption: true,
      describe: "the signed CycloneDX JSON SBOM (- for stdin)",
    })
    .option("key", { type: "string", describe: "the signer's PEM public key (SPKI, or an X.509 certificate)" })
    .option("format", formatOption(ctx.env, FORMATS, "text"))
    .option("output", outputOption)
    .example("$0 verify sbom.cdx.json --key signer.pub.pem", "exit 0 when the signature verifies, 1 when not");
}

export interface VerifyArgs {
  readonly sbom: string;
  readonly key?: string | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly output?: string | undefined;
}

export async function handler(args: VerifyArgs, ctx: CommandContext): Promise<Outcome> {
  if (args.key === undefined || args.key === "")
    throw new UsageError("verify needs the signer's public key: --key PUB.pem (or FLAKE_AUDIT_KEY)");
  const [{ verifySbom }, { jsfVerifier }] = await Promise.all([
    import("../../app/verify-sbom.js"),
    import("../../adapters/jsf/verify.js"),
  ]);
  const w = ctx.wiring();
  const report = await verifySbom({ sbomPath: args.sbom, keyPath: args.key, tool: w.tool }, w.files, jsfVerifier);
  const render = await RENDERERS.verify[args.format]();
  await ctx.write(render(report, { width: textWidth(ctx.io, args.output) }), args.output);
  // An invalid or missing signature is verify's one finding, always at the gate (there is no --fail-on).
  return outcome(report.verdict === "valid" ? {} : { severities: ["high"], failOn: "high" });
}
