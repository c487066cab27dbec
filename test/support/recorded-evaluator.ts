import type {
  EvaluationRequest,
  InstallableEvaluation,
  InstallableEvaluator,
} from "../../src/app/installable-ports.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";

/** What one installable evaluates to at one revision: `nix show-derivation -r` text and roots, or nix's error. */
export type RecordedAnswer = { readonly roots: readonly string[]; readonly json: string } | { readonly error: string };

/**
 * An evaluator (the app's port) that answers from derivation JSON the real nix wrote, by revision
 * and installable: what the app and renderer tests run against instead of evaluating a flake. It
 * records every request and how many ran at once, and can be slowed to show parallelism.
 */
export class RecordedEvaluator implements InstallableEvaluator {
  readonly requests: EvaluationRequest[] = [];
  private running = 0;
  maxRunning = 0;
  private readonly answers: (rev: string) => Readonly<Record<string, RecordedAnswer>>;
  private readonly delayMs: number;

  constructor(answers: (rev: string) => Readonly<Record<string, RecordedAnswer>>, delayMs = 0) {
    this.answers = answers;
    this.delayMs = delayMs;
  }

  async evaluate(req: EvaluationRequest): Promise<InstallableEvaluation[]> {
    this.requests.push(req);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      const byInstallable = this.answers(req.rev);
      return req.installables.map((installable): InstallableEvaluation => {
        const a = byInstallable[installable];
        if (a === undefined)
          return { installable, ok: false, error: `error: flake does not provide attribute '${installable}'` };
        if ("error" in a) return { installable, ok: false, error: a.error };
        const parsed = parseDerivations(a.json, `${req.rev}:${installable}`);
        if (!parsed.ok) throw new Error(`recorded JSON does not parse: ${parsed.error[0]?.message}`);
        return { installable, ok: true, roots: a.roots, derivations: parsed.value };
      });
    } finally {
      this.running--;
    }
  }
}
