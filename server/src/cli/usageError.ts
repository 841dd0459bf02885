/** A command-line mistake: the CLI prints the one-line message (and a hint to `--help`) and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Append "run 'ai-posture --help'" to the message. */
    readonly hint = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
