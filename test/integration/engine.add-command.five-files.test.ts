import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Issue 15.2: a new engine command touches at most five files. This test applies the recipe of
 * docs/application-engine.md ("Adding a command") to an in-memory copy of the project — a
 * fixture command `add_remark` (the provider's head adds a remark to an open application: event
 * `remark_added`) — and type-checks the whole project with it: the JSON API, the back office and
 * the cabinet pick the command up from its row without a change. Without its row, the same
 * project does not compile (the table's `satisfies CommandTable`).
 */

const root = path.resolve(import.meta.dirname, '../..');
const file = (relative: string) => path.join(root, relative);

/** One edit of the recipe: a file and its replacements (or its whole text, for a new file). */
interface RecipeEdit {
  readonly path: string;
  readonly replace?: readonly (readonly [anchor: string, replacement: string])[];
  readonly create?: string;
}

const useCase = `import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { requireAvailable } from '../../engine/conflict.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';

export const AddRemarkInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    text: z.string().trim().min(3).max(2000),
  })
  .strict();

/** The provider's head adds a remark to an open application. */
export async function addRemark(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof AddRemarkInput>,
) {
  const input = parseInput(AddRemarkInput, rawInput);
  return runCommand(services, principal, 'add_remark', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    requireAvailable(loaded, principal, 'add_remark', principal.kind === 'staff');
    if (principal.kind !== 'staff') throw new DomainError(ErrorCode.forbidden, {});
    const state = await recordEvents(
      trx,
      engineTargetOf(loaded),
      { kind: 'staff', userId: principal.staffId, role: 'head', organisationId: principal.organisationId },
      [{ type: 'remark_added', text: input.text }],
      loaded.now,
    );
    return {
      applicationId: loaded.record.id,
      response: { applicationId: loaded.record.id, status: state.status, version: state.version },
    };
  });
}
`;

const row = `  add_remark: defineCommand({
    input: AddRemarkInput,
    run: (services, _context, principal, input) => addRemark(services, principal, input),
    api: true,
    forms: [],
  }),
} satisfies CommandTable;`;

/** The recipe, file by file. */
const recipe: readonly RecipeEdit[] = [
  {
    path: 'src/domain/application/ApplicationEvent.ts',
    replace: [
      [
        '/** What happened, without when and by whom: the payload of one log entry. */',
        `const remarkAdded = z
  .object({ type: z.literal('remark_added'), text: z.string().min(1).max(2000) })
  .strict();

/** What happened, without when and by whom: the payload of one log entry. */`,
      ],
      ['  questionnaireAnswered,\n]);', '  questionnaireAnswered,\n  remarkAdded,\n]);'],
      [
        'export const applicationEventLabels = {',
        `export const applicationEventLabels = {
  remark_added: { kk: 'Ескертпе қосылды', ru: 'Добавлено замечание', en: 'Remark added' },`,
      ],
    ],
  },
  {
    path: 'src/domain/application/fold.ts',
    replace: [
      [
        "      case 'questionnaire_answered':",
        "      case 'remark_added':\n        break;\n      case 'questionnaire_answered':",
      ],
    ],
  },
  {
    path: 'src/domain/application/available-commands.ts',
    replace: [
      [
        "  | { readonly kind: 'answer_questionnaire' };",
        "  | { readonly kind: 'answer_questionnaire' }\n  | { readonly kind: 'add_remark' };",
      ],
      [
        '  const hasOpenAppeal =',
        "  if (!isFinal && isHeadOfProvider(principal, state)) commands.push({ kind: 'add_remark' });\n  const hasOpenAppeal =",
      ],
    ],
  },
  {
    path: 'src/features/command-table.ts',
    replace: [
      [
        "import { CompleteStepInput, completeStep } from './applications/complete-step.js';",
        "import { AddRemarkInput, addRemark } from './applications/add-remark.js';\nimport { CompleteStepInput, completeStep } from './applications/complete-step.js';",
      ],
      ['} satisfies CommandTable;', row],
    ],
  },
  { path: 'src/features/applications/add-remark.ts', create: useCase },
];

/** The project's files with the recipe applied (all of it, or without some of its edits). */
function overlayOf(edits: readonly RecipeEdit[]): Map<string, string> {
  const overlay = new Map<string, string>();
  for (const edit of edits) {
    let text = edit.create ?? readFileSync(file(edit.path), 'utf8');
    for (const [anchor, replacement] of edit.replace ?? []) {
      expect(text, `${edit.path}: the recipe's anchor is gone`).toContain(anchor);
      text = text.replace(anchor, replacement);
    }
    overlay.set(file(edit.path), text);
  }
  return overlay;
}

/** Type-checks the whole project (tsconfig.json) with `overlay` in place of the files on disk. */
function typeCheck(overlay: Map<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    file('tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  )!;
  const options = { ...config.options, noEmit: true, incremental: false };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => overlay.get(path.resolve(name)) ?? readFile(name);
  host.fileExists = (name) => overlay.has(path.resolve(name)) || fileExists(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, shouldCreate) => {
    const text = overlay.get(path.resolve(name));
    return text === undefined
      ? getSourceFile(name, language, onError, shouldCreate)
      : ts.createSourceFile(name, text, language);
  };
  const rootNames = [
    ...new Set([...config.fileNames.map((name) => path.resolve(name)), ...overlay.keys()]),
  ];
  const program = ts.createProgram({ rootNames, options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? path.relative(root, diagnostic.file.fileName) : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe('adding an engine command (docs/application-engine.md, "Adding a command")', () => {
  it('the documented recipe names at most five files, the ones this fixture edits', () => {
    const docs = readFileSync(file('docs/application-engine.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## Adding a command'));
    expect(section.length, 'the recipe section exists').toBeLessThan(docs.length);
    const steps = section
      .split('\n## ')[0]!
      .split('\n')
      .filter((line) => /^\d+\. /.test(line));
    expect(steps.length).toBeLessThanOrEqual(5);
    expect(recipe.length).toBeLessThanOrEqual(5);
    for (const edit of recipe) {
      const named = edit.create ? '`src/features/<area>/<verb>-<noun>.ts`' : `\`${edit.path}\``;
      expect(
        steps.some((step) => step.includes(named)),
        `${named} is a step of the recipe`,
      ).toBe(true);
    }
  });

  it('a command added by the recipe compiles; without its row the project does not', () => {
    const withRecipe = typeCheck(overlayOf(recipe));
    expect(withRecipe).toEqual([]);

    const withoutRow = typeCheck(
      overlayOf(
        recipe.map((edit) => (edit.path.endsWith('command-table.ts') ? { path: edit.path } : edit)),
      ),
    );
    expect(withoutRow.some((line) => line.startsWith('src/features/command-table.ts'))).toBe(true);
    expect(withoutRow.join('\n')).toContain('add_remark');
  }, 600_000);
});
