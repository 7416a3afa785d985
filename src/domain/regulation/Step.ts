import { z } from 'zod';
import { ActorRole } from '../shared/roles.js';
import { ActionKind } from './ActionKind.js';
import { BilingualText } from './BilingualText.js';
import { Citation } from './Citation.js';
import { CitizenStatus } from './CitizenStatus.js';
import { Decision } from './Decision.js';
import { RegistryLookup } from './RegistryLookup.js';
import { DocumentKind } from './DocumentKind.js';
import { EndOutcome } from './EndOutcome.js';
import { StepDuration } from './StepDuration.js';

/** Step ids: lower-case words joined by hyphens, stable across versions. */
export const StepId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'rule stepIdFormat: lower-case words joined by hyphens')
  .describe('Stable step id (kebab-case), unique within its channel flow');

/** One procedure (действие / рәсім) of a channel's flow. */
export const Step = z
  .object({
    id: StepId,
    actor: z
      .enum(ActorRole)
      .describe('Who acts (СФЕ / ҚФБ): a value of ActorRole in src/domain/shared/roles.ts'),
    action: ActionKind,
    description: BilingualText.describe('What the actor does, in the wording of the regulation'),
    quote: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('The sentence of the source, verbatim, in its original language'),
    duration: StepDuration,
    result: BilingualText.describe('Result of the step (результат процедуры / форма завершения)'),
    next: z.string().min(1).optional().describe('Id of the next step (when there is no decision)'),
    decide: Decision.optional(),
    end: EndOutcome.optional(),
    status: CitizenStatus.optional(),
    lookup: RegistryLookup.optional().describe(
      'registry_lookup only: the registries the step asks (adapter name, subject, facts)',
    ),
    produces: z.array(DocumentKind).default([]).describe('Documents the step produces'),
    source: Citation,
    resolves: z
      .array(z.string())
      .optional()
      .describe('Ids of source defects whose resolution this step encodes'),
  })
  .strict()
  .superRefine(function stepHasExactlyOneTransition(step, context) {
    const transitions = [step.next, step.decide, step.end].filter((t) => t !== undefined).length;
    if (transitions !== 1) {
      context.addIssue({
        code: 'custom',
        message: `rule stepHasExactlyOneTransition: step "${step.id}" must have exactly one of next, decide, end (has ${transitions})`,
      });
    }
  })
  .superRefine(function endStepProducesSomething(step, context) {
    if (step.end !== undefined && step.produces.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['produces'],
        message: `rule endStepProducesSomething: final step "${step.id}" (${step.end}) must produce a document or message`,
      });
    }
  })
  .superRefine(function lookupNamesItsRegistries(step, context) {
    if (step.action === 'registry_lookup' && step.lookup === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['lookup'],
        message: `rule lookupNamesItsRegistries: registry_lookup step "${step.id}" must name its registries and facts (lookup: [{ registry, facts }])`,
      });
    }
    if (step.action === 'registry_lookup' && step.decide === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['decide'],
        message: `rule lookupNamesItsRegistries: registry_lookup step "${step.id}" must decide whether the registries found the data`,
      });
    }
    if (step.action !== 'registry_lookup' && step.lookup !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['lookup'],
        message: `rule lookupNamesItsRegistries: only a registry_lookup step has a lookup (step "${step.id}" is ${step.action})`,
      });
    }
  })
  .describe('A step: actor, action, duration, result, transition, status, documents, source');
export type Step = z.infer<typeof Step>;
