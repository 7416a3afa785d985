import type { z } from 'zod';
import { DomainError, ErrorCode } from '../shared/domain-error.js';
import { RegulationDefinition } from './RegulationDefinition.js';

/** One reason a definition file was refused: the file, where in it, and which rule. */
export interface RegulationIssue {
  file: string;
  /** Readable path, with step and channel ids instead of indexes: `channels[portal].steps[sign].actor`. */
  path: string;
  /** The named rule (a superRefine check or `schema.<zod code>`). */
  rule: string;
  message: string;
}

/** The outcome of parsing one definition: the regulation, or every issue found. */
export type RegulationParseResult =
  { ok: true; regulation: RegulationDefinition } | { ok: false; issues: RegulationIssue[] };

const rulePattern = /^rule (\w+): (.*)$/s;

/** Renders a zod path with ids where the data has them: steps[register] rather than steps[0]. */
function readablePath(input: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = input;
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      const element: unknown = Array.isArray(node) ? node[segment] : undefined;
      const record = (element ?? {}) as Record<string, unknown>;
      const label =
        typeof record.id === 'string'
          ? record.id
          : typeof record.channel === 'string'
            ? record.channel
            : String(segment);
      text += `[${label}]`;
      node = element;
    } else {
      text += text ? `.${String(segment)}` : String(segment);
      node =
        node !== null && typeof node === 'object'
          ? (node as Record<string, unknown>)[segment as string]
          : undefined;
    }
  }
  return text || '(root)';
}

function toIssues(file: string, input: unknown, error: z.ZodError): RegulationIssue[] {
  return error.issues.map((issue) => {
    const match = rulePattern.exec(issue.message);
    return {
      file,
      path: readablePath(input, issue.path),
      rule: match?.[1] ?? `schema.${issue.code}`,
      message: match?.[2] ?? issue.message,
    };
  });
}

/** Parses a definition without throwing (for batch loading and the checker). */
export function parseRegulation(input: unknown, file: string): RegulationParseResult {
  const parsed = RegulationDefinition.safeParse(input);
  if (parsed.success) return { ok: true, regulation: parsed.data };
  return { ok: false, issues: toIssues(file, input, parsed.error) };
}

/** Formats issues one per line: `file: path: message [rule]`. */
export function formatIssues(issues: readonly RegulationIssue[]): string {
  return issues
    .map((issue) => `${issue.file}: ${issue.path}: ${issue.message} [${issue.rule}]`)
    .join('\n');
}

/**
 * Parses a regulation definition (already read from YAML) and returns it typed with defaults
 * applied; refuses an invalid one with a DomainError whose message names the file, the path and
 * the rule of every problem (`details.issues`).
 */
export function defineRegulation(input: unknown, file = '(inline)'): RegulationDefinition {
  const result = parseRegulation(input, file);
  if (result.ok) return result.regulation;
  throw new DomainError(
    ErrorCode.validationFailed,
    {
      file,
      issues: result.issues.map((issue) => ({
        path: issue.path,
        rule: issue.rule,
        params: { message: issue.message },
      })),
    },
    `invalid regulation definition\n${formatIssues(result.issues)}`,
  );
}
