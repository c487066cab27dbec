/**
 * Whether a lock path names standard input (`-`, or `/dev/stdin` as the CLI passes it): such a lock
 * has no repository to ask and cannot be read a second time.
 */
export const isStdin = (path: string): boolean => path === "-" || path === "/dev/stdin";
