/** A subcommand of the `qyzmet` command line. */
export interface Command {
  /** The word typed after `qyzmet`. */
  readonly name: string;
  /** One line for `qyzmet --help`. */
  readonly summary: string;
  /** Full usage text for `qyzmet <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the name; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
