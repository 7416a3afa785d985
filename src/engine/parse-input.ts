import type { z } from 'zod';
import { DomainError, ErrorCode } from '../domain/shared/domain-error.js';

/** Parses a command's input; refuses it with every issue, each naming the field and the rule. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        rule: issue.message,
      })),
    });
  }
  return parsed.data;
}
