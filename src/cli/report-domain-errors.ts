import { DomainError } from '../domain/shared/domain-error.js';

/**
 * Wraps a command's run so that a DomainError (invalid data, unknown organisation, conflict)
 * prints one readable line and exits with 1 instead of a stack trace.
 */
export function reportingDomainErrors(
  name: string,
  run: (argv: string[]) => Promise<number>,
): (argv: string[]) => Promise<number> {
  return async (argv) => {
    try {
      return await run(argv);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(`qyzmet ${name}: ${error.code} ${JSON.stringify(error.details)}`);
      return 1;
    }
  };
}
