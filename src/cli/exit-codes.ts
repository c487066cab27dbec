/** The documented exit codes; README carries the same table. Mapped only in cli/run.ts. */
export const ExitCode = {
  Ok: 0,
  Findings: 1,
  Usage: 2,
  InvalidInput: 3,
  UpstreamIncomplete: 4,
  Internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
