import type { Argv } from "yargs";
import { UsageError } from "../../app/errors.js";
import type { Files, Log } from "../../app/ports.js";
import { isDeterministic, JSF_ALGORITHM_NAMES, type JsfAlgorithm } from "../../domain/signature/jsf.js";
import type { SbomSigner } from "../../adapters/jsf/sign.js";
import type { Env } from "../io.js";
import { envChoice } from "./shared-options.js";

/** `sbom --sign-key` and `--sign-algorithm`: a JSF signature on the JSON SBOM. */
export function signOptions<T>(y: Argv<T>, env: Env) {
  return y
    .option("sign-key", {
      type: "string",
      describe:
        "sign the JSON SBOM with this PEM private key (JSF, as CycloneDX embeds it; Ed25519, EC P-256/384/521, RSA)",
    })
    .option("sign-algorithm", {
      type: "string",
      choices: JSF_ALGORITHM_NAMES,
      default: envChoice(env, "sign-algorithm", JSF_ALGORITHM_NAMES),
      describe: "JSF algorithm (default: the key's: Ed25519, ES256/384/512 by curve, RS512 for RSA)",
    });
}

export interface SignArgs {
  readonly signKey?: string | undefined;
  readonly signAlgorithm?: JsfAlgorithm | undefined;
}

/**
 * The signer `--sign-key` asks for, read before the SBOM is built so a bad key fails fast (exit 3,
 * naming the file, never its bytes); undefined without it. JSF is JSON's: XML is a usage error.
 */
export async function signerFor(
  args: SignArgs & { readonly format: string; readonly reproducible: boolean },
  files: Files,
  log: Log,
): Promise<SbomSigner | undefined> {
  if (args.signKey === undefined || args.signKey === "") {
    if (args.signAlgorithm !== undefined) throw new UsageError("--sign-algorithm needs --sign-key KEY.pem");
    return undefined;
  }
  if (args.format !== "json")
    throw new UsageError(
      `--sign-key signs CycloneDX JSON only: JSF (JSON Signature Format) is CycloneDX's signature for JSON SBOMs, and --format ${args.format} has none; use --format json`,
    );
  const { sbomSigner } = await import("../../adapters/jsf/sign.js");
  const signer = sbomSigner(await files.readText(args.signKey), args.signAlgorithm);
  if (args.reproducible && !isDeterministic(signer.algorithm))
    log.warn(
      `${signer.algorithm} (ECDSA) signatures differ on every run: the signed SBOM is not byte-for-byte reproducible; Ed25519 and RSA signatures are`,
    );
  return signer;
}
