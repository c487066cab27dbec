import { InputError } from "./errors.js";

/**
 * The most store-path entries of distinct closures one fleet run holds. Each costs about 1.6 KB in
 * memory once read and analysed (measured: 300 reports of distinct 3,000-path closures, 900,000 entries,
 * peak 1.5 GB), so this keeps a run near 2.5 GB, inside Node's default heap, instead of letting
 * 2,000 distinct closures abort Node at about 7 GB. Identical closures are read once and count once.
 */
export const MAX_FLEET_PATHS = 1_500_000;

/** Thrown past the limit; not an InputError, so that no host turns it into its own gap. */
export class FleetTooLarge extends Error {
  readonly where: string;
  constructor(where: string) {
    super(`more than ${MAX_FLEET_PATHS} store paths in distinct closures`);
    this.where = where;
  }
}

/** Counts the entries of every distinct closure read; past the limit the run stops. */
export function pathBudget(limit = MAX_FLEET_PATHS) {
  let used = 0;
  return {
    take(paths: number, where: string): void {
      used += paths;
      if (used > limit) throw new FleetTooLarge(where);
    },
    /** Throws once the limit was passed: the hosts still queued are not read. */
    check(where: string): void {
      if (used > limit) throw new FleetTooLarge(where);
    },
    used: (): number => used,
  };
}

export type PathBudget = ReturnType<typeof pathBudget>;

/** The error a run that went past the limit ends with (exit 3), saying the limit and what to do. */
export function tooLargeError(e: FleetTooLarge, limit = MAX_FLEET_PATHS): InputError {
  return new InputError([
    {
      origin: e.where,
      pointer: "",
      message: `the hosts read so far hold more than ${limit.toLocaleString("en-US")} store paths in distinct closures (reached at this one); flake-audit holds at most that many in one run, to stay within memory`,
      next: "audit the fleet in parts: split --reports into several directories, or the hosts into several fleet files",
    },
  ]);
}
