/** `1 package`, `3 packages` (`many` for a plural that is not the word plus s): counts in the reports' prose. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
