import type { Argv } from "yargs";
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { outcome, type Outcome } from "../outcome.js";

export const command = "completion [shell]";
export const describe = "Print a shell completion script (bash or zsh)";
export const exitCodes = [ExitCode.Ok, ExitCode.Usage, ExitCode.Internal];

const SHELLS = ["bash", "zsh"] as const;
type Shell = (typeof SHELLS)[number];

// Both scripts ask the CLI itself (yargs answers --get-yargs-completions). yargs picks its answer's
// format from $SHELL, so each script names its own shell: a zsh user's bash must still get plain words.
const SCRIPTS: Readonly<Record<Shell, string>> = {
  bash: `# flake-audit completion for bash: eval "$(flake-audit completion bash)" in ~/.bashrc
_flake_audit_completions() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" words
  mapfile -t words < <(SHELL=bash ZSH_NAME= flake-audit --get-yargs-completions "\${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null)
  mapfile -t COMPREPLY < <(compgen -W "\${words[*]}" -- "$cur")
}
complete -o bashdefault -o default -F _flake_audit_completions flake-audit
`,
  zsh: `#compdef flake-audit
# flake-audit completion for zsh: flake-audit completion zsh > "\${fpath[1]}/_flake-audit"
_flake_audit() {
  local -a reply
  reply=("\${(@f)$(SHELL=zsh flake-audit --get-yargs-completions "\${(@)words[1,CURRENT]}" 2>/dev/null)}")
  if (( \${#reply} )) && [[ -n "\${reply[1]}" ]]; then _describe 'values' reply; else _default; fi
}
if [[ "\${zsh_eval_context[-1]}" == "loadautofunc" ]]; then _flake_audit "$@"; else compdef _flake_audit flake-audit; fi
`,
};

export function builder<T>(y: Argv<T>, _ctx: CommandContext) {
  return (
    y
      // A positional is an option too: `completion zsh` and `completion --shell zsh` both work.
      .positional("shell", { type: "string", choices: SHELLS, describe: "bash (the default) or zsh; or --shell SHELL" })
      .example("$0 completion >> ~/.bashrc", "complete commands and options in bash")
      .example("$0 completion zsh > ~/.zsh/completions/_flake-audit", "the same for zsh (a directory on $fpath)")
  );
}

export interface CompletionArgs {
  readonly shell?: Shell | undefined;
}

export async function handler(args: CompletionArgs, ctx: CommandContext): Promise<Outcome> {
  await ctx.write(SCRIPTS[args.shell ?? "bash"], undefined);
  return outcome();
}
