import { z } from "zod";
import { SubjectSchema, ToolSchema } from "../report.schema.js";

const VERDICTS = [
  "valid",
  "mismatch",
  "algorithm-key-mismatch",
  "unsupported-algorithm",
  "public-key-differs",
  "malformed",
  "not-canonicalizable",
] as const;

export const VerifyReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    sbomFile: SubjectSchema,
    keyFile: SubjectSchema.extend({
      kind: z
        .enum(["OKP Ed25519", "OKP Ed448", "EC P-256", "EC P-384", "EC P-521", "RSA"])
        .describe("the public key's type (JWK kty) and curve"),
    }),
    verdict: z
      .enum(["valid", "invalid", "unsigned"])
      .describe(
        "valid: the BOM's signature and every signature of its top-level components, services and annotations verify with the key (exit 0); invalid or unsigned: exit 1",
      ),
    reason: z.string().describe("why the verdict, in one sentence"),
    signatures: z
      .array(
        z.object({
          pointer: z.string().describe("JSON pointer of the signer in the SBOM"),
          subject: z.string().describe("what it signs: the BOM, or a component, service or annotation"),
          verdict: z
            .enum(VERDICTS)
            .describe(
              "mismatch: the content changed after signing or another key signed it; algorithm-key-mismatch: the algorithm needs another key type; public-key-differs: the signature's publicKey is not the key given",
            ),
          algorithm: z.string().optional(),
          keyId: z.string().optional(),
          detail: z.string(),
        }),
      )
      .describe("every signer found, the BOM's first; a node with several (signers, chain) is valid when one verifies"),
  })
  .describe("flake-audit verify --format json");
