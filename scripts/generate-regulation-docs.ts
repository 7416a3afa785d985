/**
 * Generates docs/regulation-format.md from the zod schemas of src/domain/regulation/ (their
 * `.describe()` texts) and the JSDoc of the enum values. Run: npm run docs:regulations
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Amendment } from '../src/domain/regulation/Amendment.js';
import { ApplicationField } from '../src/domain/regulation/ApplicationField.js';
import { BilingualText } from '../src/domain/regulation/BilingualText.js';
import { ChannelFlow } from '../src/domain/regulation/ChannelFlow.js';
import { Citation } from '../src/domain/regulation/Citation.js';
import { Decision } from '../src/domain/regulation/Decision.js';
import { Duration } from '../src/domain/regulation/Duration.js';
import { LegalAct } from '../src/domain/regulation/LegalAct.js';
import { OfficeSchedule } from '../src/domain/regulation/OfficeSchedule.js';
import { RefusalGround } from '../src/domain/regulation/RefusalGround.js';
import { RegulationDefinition } from '../src/domain/regulation/RegulationDefinition.js';
import { RegistryQuery } from '../src/domain/regulation/RegistryLookup.js';
import { RequiredDocument } from '../src/domain/regulation/RequiredDocument.js';
import { ResultDocument } from '../src/domain/regulation/ResultDocument.js';
import { ServiceWindow } from '../src/domain/regulation/ServiceWindow.js';
import { SourceDefect } from '../src/domain/regulation/SourceDefect.js';
import { Step } from '../src/domain/regulation/Step.js';
import { StepDuration } from '../src/domain/regulation/StepDuration.js';
import { TotalTerm } from '../src/domain/regulation/TotalTerm.js';
import { TrilingualText } from '../src/domain/regulation/TrilingualText.js';
import { registryAdapters } from '../src/integrations/registry-adapters.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Json = Record<string, unknown>;

const documented: [string, z.ZodType][] = [
  ['RegulationDefinition', RegulationDefinition],
  ['ChannelFlow', ChannelFlow],
  ['Step', Step],
  ['StepDuration', StepDuration],
  ['Decision', Decision],
  ['RegistryQuery', RegistryQuery],
  ['TotalTerm', TotalTerm],
  ['Duration', Duration],
  ['ApplicationField', ApplicationField],
  ['RequiredDocument', RequiredDocument],
  ['RefusalGround', RefusalGround],
  ['ResultDocument', ResultDocument],
  ['ServiceWindow', ServiceWindow],
  ['OfficeSchedule', OfficeSchedule],
  ['SourceDefect', SourceDefect],
  ['LegalAct', LegalAct],
  ['Amendment', Amendment],
  ['Citation', Citation],
  ['BilingualText', BilingualText],
  ['TrilingualText', TrilingualText],
];

const toJson = (schema: z.ZodType): Json =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
const withoutDescription = (json: Json): string => {
  const { description: _description, $schema: _schema, ...rest } = json;
  return JSON.stringify(rest);
};
const known = new Map(
  documented.map(([name, schema]) => [withoutDescription(toJson(schema)), name]),
);
const anchor = (name: string) => `[${name}](#${name.toLowerCase()})`;

function typeOf(json: Json): string {
  const name = known.get(withoutDescription(json));
  if (name) return anchor(name);
  if (Array.isArray(json.enum))
    return (json.enum as string[]).map((value) => `\`${value}\``).join(' | ');
  if (Array.isArray(json.anyOf)) return (json.anyOf as Json[]).map(typeOf).join(' or ');
  if (json.type === 'array') return `list of ${typeOf((json.items ?? {}) as Json)}`;
  if (json.type === 'object' && json.properties) {
    return `object { ${Object.keys(json.properties as Json).join(', ')} }`;
  }
  const format = json.format
    ? ` (${String(json.format)})`
    : json.pattern
      ? ` matching \`${String(json.pattern)}\``
      : '';
  return `${String(json.type ?? 'any')}${format}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function section(name: string, schema: z.ZodType): string {
  const json = toJson(schema);
  const required = new Set((json.required as string[] | undefined) ?? []);
  const lines = [
    `### ${name}`,
    '',
    String(json.description ?? ''),
    '',
    '| field | type | required | description |',
    '|---|---|---|---|',
  ];
  for (const [field, value] of Object.entries((json.properties ?? {}) as Record<string, Json>)) {
    const defaultValue =
      value.default !== undefined ? ` Default: \`${JSON.stringify(value.default)}\`.` : '';
    lines.push(
      `| \`${field}\` | ${cell(typeOf(value))} | ${required.has(field) && value.default === undefined ? 'yes' : 'no'} | ${cell(String(value.description ?? ''))}${defaultValue} |`,
    );
  }
  return lines.join('\n');
}

/** Reads `/** text *\/ 'value'` (or `key: 'value'`) pairs from a source file: the meaning of enum values. */
function enumDocs(file: string): [string, string][] {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  const pattern = /\/\*\*\s*([^*]*(?:\*(?!\/)[^*]*)*)\*\/\s*(?:\w+:\s*)?'([a-z_]+)'/g;
  return [...source.matchAll(pattern)].map((match) => [
    match[2] ?? '',
    (match[1] ?? '').replace(/\s*\n\s*\*?\s*/g, ' ').trim(),
  ]);
}

function enumTable(title: string, file: string, intro: string): string {
  const rows = enumDocs(file).map(([value, meaning]) => `| \`${value}\` | ${cell(meaning)} |`);
  return [`### ${title}`, '', intro, '', '| value | meaning |', '|---|---|', ...rows].join('\n');
}

/** The Markdown of docs/regulation-format.md. */
export function renderRegulationFormatDoc(): string {
  return [
    '# Regulation definition format',
    '',
    '<!-- Generated by scripts/generate-regulation-docs.ts from src/domain/regulation/*.ts — do not edit; run `npm run docs:regulations`. -->',
    '',
    'A regulation version is one YAML file, `regulations/<region>/<service>.yaml`, validated by',
    '`defineRegulation()` (src/domain/regulation/define-regulation.ts) and checked by',
    '`npx qyzmet regulations check`. See docs/writing-a-regulation.md for a guide.',
    '',
    '## Structures',
    '',
    ...documented.flatMap(([name, schema]) => [section(name, schema), '']),
    '## Closed lists',
    '',
    enumTable(
      'ActorRole (step `actor`)',
      'src/domain/shared/roles.ts',
      'Who acts at a step (СФЕ / ҚФБ). Only the first block, ActorRole, applies to steps.',
    )
      .split('\n')
      .filter(
        (line) => !/`(commission_member|region_administrator|system_administrator)`/.test(line),
      )
      .join('\n'),
    '',
    enumTable(
      'ActionKind (step `action`)',
      'src/domain/regulation/ActionKind.ts',
      'What a step does; the engine implements each kind once.',
    ),
    '',
    enumTable(
      'DecisionQuestion (`decide.question`)',
      'src/domain/regulation/DecisionQuestion.ts',
      'Yes/no conditions; `ifYes` and `ifNo` name the next step.',
    ),
    '',
    enumTable(
      'DocumentKind (step `produces`, result `kind`)',
      'src/domain/regulation/DocumentKind.ts',
      'Documents produced by steps.',
    ),
    '',
    enumTable(
      'EndOutcome (step `end`)',
      'src/domain/regulation/EndOutcome.ts',
      'How a flow ends; a final step must produce a document or message.',
    ),
    '',
    enumTable(
      'ApplicantKind (`applicantKinds`)',
      'src/domain/regulation/ApplicantKind.ts',
      'Who may apply.',
    ),
    '',
    '## Registry adapters (step `lookup[].registry`)',
    '',
    'The adapters registered by name in the gateway (src/integrations/registry-adapters.ts):',
    'the facts each answers and whom it can be asked about. `regulations check` refuses any other',
    'name, fact or subject.',
    '',
    '| Adapter | Registry | Facts | Subjects |',
    '|---|---|---|---|',
    ...registryAdapters.map(
      (adapter) =>
        `| \`${adapter.name}\` | ${cell(`${adapter.label.ru} — ${adapter.label.en}`)} | ${adapter.facts.map((fact) => `\`${fact}\``).join(', ')} | ${adapter.subjects.join(', ')} |`,
    ),
    '',
    '## Rules checked when a file is loaded',
    '',
    'Each refusal names the file, the path (with step and channel ids) and the rule:',
    '',
    ...[
      ...fs
        .readFileSync(path.join(root, 'src/domain/regulation/RegulationDefinition.ts'), 'utf8')
        .matchAll(/superRefine\(function (\w+)/g),
      ...[
        'Step.ts',
        'ChannelFlow.ts',
        'StepDuration.ts',
        'TotalTerm.ts',
        'ApplicationField.ts',
        'RequiredDocument.ts',
      ].flatMap((file) => [
        ...fs
          .readFileSync(path.join(root, 'src/domain/regulation', file), 'utf8')
          .matchAll(/superRefine\(function (\w+)/g),
      ]),
    ].map((match) => `- \`${match[1] ?? ''}\``),
    '',
    'Other problems carry the rule `schema.<zod issue code>` (e.g. `schema.invalid_value` for an unknown actor).',
    '',
    '## Findings of `regulations check`',
    '',
    '| rule | severity | meaning |',
    '|---|---|---|',
    '| `unreachableStep` | error | a step cannot be reached from the channel’s `start` |',
    '| `deadEnd` | error | no final step can be reached from a step |',
    '| `nobodyCompletesStep` | error | no staff role, applicant, submission, system answer (registry lookup, a fact answered on every path before), job or register completes a reachable step: an application would stop there with no command offered (src/domain/regulation/step-completers.ts) |',
    '| `unknownRegistryAdapter` / `unknownRegistryFact` / `registrySubjectNotSupported` | error | a `lookup` names an adapter the gateway does not register, a fact it does not answer, or a subject it cannot be asked about (see Registry adapters) |',
    '| `executorBeforeAssignment` | error | an `executor` step lies on a path with no `assign_executor` before it |',
    '| `noResultEnd` | error | a channel has no final step with `end: result_issued` |',
    '| `overlappingVersions` / `duplicateId` | error | two versions of one service and region in force on the same day / the same id twice |',
    '| `termIsNotSumOfSteps` | error | a `sum_of_steps` term differs from a path to the result, unit by unit (working days, calendar days, months and minutes are never converted into each other; minutes on an uncounted day of acceptance or of issue are left out) |',
    '| `refusalPathExceedsTerm` | error | a path to a refusal or rejection is longer than the term and than every path to the result |',
    '| `pathExceedsTerm` | error / warning | a path is longer than the term (measured at 8 working hours a day, a calendar day as a working day); a warning when the term names the recorded defect (`defect`) that explains it |',
    '| `termDefectUnknown` | error | a term names a defect the definition does not record |',
    '| `sameDecisionDifferentTerms` | warning | the same decision step (actor and action) has different durations in different channels |',
    '| `inconsistentFieldFormat` | warning | a field id has different required/format/length across services |',
    '| `resultFormMismatch` | warning | an electronic-only result is carried on paper by a courier or delivery step |',
    '| `sourceDefect.<kind>` | warning | a defect of the source text that the definition’s resolution did not remove (`remains: true` or no resolution), or that is a contradiction of the text (term_mismatch, channel_term_inconsistency, result_form_mismatch, field_format_inconsistency, copy_paste_error, wrong_cross_reference, language_discrepancy, wrong_date), resolved or not |',
    '| `assumedEffectiveDates` / `estimatedEffectiveDates` | warning | the effective dates are not in the source text / are computed from it (e.g. publication + 10 days) |',
    '| `decisionWithoutEffect` | warning | both answers of a decision lead to the same step |',
    '',
  ].join('\n');
}

/** Where the generated reference lives. */
export const regulationFormatDocPath = path.join(root, 'docs', 'regulation-format.md');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(regulationFormatDocPath), { recursive: true });
  fs.writeFileSync(regulationFormatDocPath, renderRegulationFormatDoc());
  console.log('wrote docs/regulation-format.md');
}
