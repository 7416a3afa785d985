import { z } from 'zod';
import { ApplicationStatus } from '../../../domain/application/ApplicationStatus.js';
import { ActionKind } from '../../../domain/regulation/ActionKind.js';
import { BilingualText } from '../../../domain/regulation/BilingualText.js';
import { Channel } from '../../../domain/regulation/Channel.js';
import { DecisionQuestion } from '../../../domain/regulation/DecisionQuestion.js';
import { Duration } from '../../../domain/regulation/Duration.js';
import { EndOutcome } from '../../../domain/regulation/EndOutcome.js';
import { ActorRole } from '../../../domain/shared/roles.js';
import { DeadlineIndicator } from '../../../features/back-office/list-inbox.js';

/**
 * Response schemas of /api/v1: the OpenAPI document is generated from them, and the API
 * tests parse the answers with them (strict objects), so documentation and answers agree.
 */

const instant = z.iso.datetime().describe('Instant, ISO 8601 UTC');
const LocalizedText = z
  .object({ kk: z.string(), ru: z.string(), en: z.string() })
  .strict()
  .describe('A text in Kazakh, Russian and English');

export const ErrorResponse = z
  .object({
    error: z
      .object({
        code: z.string().describe('Stable error code (validation_failed, not_found, conflict…)'),
        message: z.string().describe('For the user, in the language of Accept-Language'),
        details: z
          .record(z.string(), z.unknown())
          .optional()
          .describe(
            'Field issues; for conflicts the current status, step, version and the allowed actions',
          ),
        requestId: z.string().optional(),
      })
      .strict(),
  })
  .strict()
  .describe('An error answer');

export const ApplicationSummary = z
  .object({
    id: z.uuid(),
    number: z.string().describe('Human-readable number, <year>-<7 digits>'),
    regulationId: z.string(),
    serviceCode: z.string(),
    regionCode: z.string(),
    channel: z.string(),
    status: ApplicationStatus,
    statusLabel: LocalizedText,
    applicantIin: z.string().describe('ИИН of the applicant (personal data)'),
    representativeIin: z.string().nullable(),
    providerOrganisationId: z.string(),
    frontOfficeId: z.string().nullable(),
    holderOrganisationId: z.string().describe('The organisation that holds it at its current step'),
    currentStepId: z.string().nullable(),
    currentActor: z.string().nullable(),
    executorId: z.string().nullable(),
    submittedAt: instant,
    stepDueAt: instant.nullable(),
    dueAt: instant,
    endedAt: instant.nullable(),
    isOverdue: z.boolean().describe("Past its due on the application's own clock"),
    isSandbox: z
      .boolean()
      .describe(
        'A sandbox application made "as of" a past date (docs/sandbox.md): not a legal act; its times are on its own shifted clock',
      ),
  })
  .strict()
  .describe('One application in a list');

export const ApplicationPage = z
  .object({
    items: z.array(ApplicationSummary),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page; null at the end'),
  })
  .strict();

export const InboxItem = ApplicationSummary.extend({
  urgencyAt: instant.describe('The due that orders the inbox: the step due, else the whole due'),
  indicator: DeadlineIndicator.describe('on_time | warning | overdue | suspended'),
}).describe('One application in a role inbox');

export const InboxPage = z
  .object({ items: z.array(InboxItem), nextCursor: z.string().nullable() })
  .strict();

export const AvailableCommand = z
  .union([
    z
      .object({
        kind: z.literal('complete_step'),
        stepId: z.string(),
        action: ActionKind,
        actor: z.enum(ActorRole),
        question: DecisionQuestion.optional().describe('The yes/no question the command answers'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('sign_document'),
        stepId: z.string(),
        actor: z.enum(ActorRole),
      })
      .strict()
      .describe(
        'A signing step (sign_result): prepare the document (POST …/documents/prepare, by the executor at the drafting step, or by the signer when the executor signs), then sign it (POST …/documents/{draftId}/sign); complete_step is refused with signed_document_required',
      ),
    z
      .object({
        kind: z.literal('sign_request'),
        stepId: z.string(),
        actor: z.enum(ActorRole),
      })
      .strict()
      .describe(
        "The front-office operator's signature of the electronic request (sign_request): read it (GET …/front-office-request), then sign it with the operator's ЭЦП (POST …/front-office-request/sign); complete_step is refused with signed_request_required",
      ),
    z
      .object({
        kind: z.literal('return_draft'),
        stepId: z.string(),
        toStepId: z.string().describe("The executor's step the draft was drafted at"),
      })
      .strict()
      .describe(
        'The signer returns the draft waiting for their signature to the executor, with a comment (POST …/commands with kind return_draft)',
      ),
    z
      .object({
        kind: z.enum([
          'extend_term',
          'suspend',
          'resume',
          'appeal',
          'decide_appeal',
          'answer_questionnaire',
        ]),
      })
      .strict(),
  ])
  .describe('A command the caller may give now');

export const ApplicationView = z
  .object({
    id: z.uuid(),
    number: z.string(),
    regulationId: z.string(),
    serviceCode: z.string(),
    serviceName: LocalizedText,
    regionCode: z.string(),
    channel: Channel,
    status: ApplicationStatus,
    statusLabel: LocalizedText,
    applicantIin: z.string(),
    representativeIin: z.string().nullable(),
    providerOrganisationId: z.string(),
    frontOfficeId: z.string().nullable(),
    holderOrganisationId: z.string(),
    submittedAt: instant,
    currentStep: z
      .object({
        id: z.string(),
        action: ActionKind,
        actor: z.enum(ActorRole),
        description: BilingualText,
        position: z.number().int().describe('1-based position of the step in its channel flow'),
        stepCount: z.number().int().describe('Number of steps in the flow'),
        startedAt: instant.nullable(),
        dueAt: instant.nullable(),
        isOverdue: z.boolean(),
      })
      .strict()
      .nullable(),
    dueAt: instant,
    originalDueAt: instant,
    isOverdue: z.boolean(),
    isSuspended: z.boolean(),
    sandbox: z
      .object({
        clockNow: instant.describe("Now on the application's own shifted clock"),
        clockOffsetMs: z.number().int().describe('Its clock minus the real clock, ms'),
      })
      .strict()
      .nullable()
      .describe(
        'A sandbox application made "as of" a past date (docs/sandbox.md): not a legal act. Null for a real application',
      ),
    executorId: z.string().nullable(),
    outcome: EndOutcome.nullable(),
    endedAt: instant.nullable(),
    extensions: z.array(z.object({ at: instant, reason: z.string(), by: Duration }).strict()),
    version: z.number().int().describe('Name it as expectedVersion to refuse stale commands'),
    availableCommands: z.array(AvailableCommand),
    allowed: z.array(z.string()).describe('The available commands as short names'),
    history: z.array(
      z
        .object({
          sequence: z.number().int(),
          at: instant,
          status: ApplicationStatus,
          statusLabel: LocalizedText,
        })
        .strict(),
    ),
  })
  .strict()
  .describe('An application: state, allowed commands, history, deadlines');

export const SubmitResult = z
  .object({
    applicationId: z.uuid(),
    number: z.string(),
    regulationId: z.string(),
    status: ApplicationStatus,
    currentStepId: z.string().nullable(),
    dueAt: instant,
  })
  .strict();

export const CommandResult = z
  .object({
    applicationId: z.uuid(),
    number: z.string().optional(),
    status: ApplicationStatus,
    currentStepId: z.string().nullable().optional(),
    version: z.number().int(),
    dueAt: instant,
    stepDueAt: instant.nullable().optional(),
  })
  .strict()
  .describe('The application after the command');

export const PublicStatus = z
  .object({
    number: z.string(),
    serviceCode: z.string().nullable().describe('null for a service marked sensitive'),
    serviceName: LocalizedText.nullable().describe('null for a service marked sensitive'),
    status: ApplicationStatus,
    statusLabel: LocalizedText,
    submittedOn: z.iso.date(),
    dueAt: instant,
    step: z
      .object({
        position: z.number().int(),
        stepCount: z.number().int(),
        description: BilingualText.nullable().describe('null for a service marked sensitive'),
        dueAt: instant.nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict()
  .describe('The public status of an application: nothing about the applicant');

export const RegulationCatalogueEntry = z
  .object({
    id: z.string(),
    serviceCode: z.string(),
    name: LocalizedText,
    region: z.string().describe('The region the version applies in'),
    issuer: z.string().describe('Who issued it: the region, or national'),
    effectiveFrom: z.iso.date(),
    effectiveTo: z.iso.date().nullable(),
    providerKinds: z.array(z.string()),
    applicantKinds: z.array(z.string()),
    channels: z.array(Channel),
    terms: z.array(
      z
        .object({
          channels: z.array(Channel),
          duration: Duration,
          countsAcceptanceDay: z.boolean(),
          extensionMaximum: Duration.nullable(),
        })
        .strict(),
    ),
    fee: z
      .object({ kind: z.enum(['free', 'paid', 'not_stated']), amount: z.number().nullable() })
      .strict(),
    documents: z.array(
      z
        .object({
          id: z.string(),
          title: BilingualText,
          requirement: z.enum(['always', 'conditional', 'one_of']),
          condition: BilingualText.nullable(),
          channels: z.array(Channel).nullable(),
        })
        .strict(),
    ),
    results: z.array(z.object({ id: z.string(), kind: z.string(), title: BilingualText }).strict()),
  })
  .strict()
  .describe('A service in force in a region');

export const RegulationCatalogue = z
  .object({ date: z.iso.date(), items: z.array(RegulationCatalogueEntry) })
  .strict();

const OpenQualityFigures = {
  received: z.number().int().describe('Applications received in the period'),
  completed: z.number().int().describe('Applications completed (a result or a reasoned refusal)'),
  completedOnTime: z.number().int().describe('… of them no later than their term'),
  onTimePercent: z
    .number()
    .nullable()
    .describe('completedOnTime / completed, percent with one decimal; null when none completed'),
  medianDurationPercentOfTerm: z
    .number()
    .int()
    .nullable()
    .describe(
      'Median working time from submission to the end, in whole percent of the term (100 = the whole term)',
    ),
  satisfactionScore: z
    .number()
    .nullable()
    .describe('Questionnaire score on the five-point scale (satisfied 5, partially 3, not 1)'),
  questionnairesAnswered: z.number().int(),
};

export const OpenQualityData = z
  .object({
    period: z.string().describe('As asked: 2026, 2026-Q4, 2026-11 or 2026-11-05'),
    from: z.iso.date().describe('First day of the period'),
    to: z.iso.date().describe('The day after the last'),
    regions: z.array(
      z
        .object({
          regionCode: z.string(),
          regionName: LocalizedText,
          total: z.object(OpenQualityFigures).strict(),
          services: z.array(
            z
              .object({
                serviceCode: z.string(),
                serviceName: LocalizedText,
                ...OpenQualityFigures,
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict()
  .describe('Open data: quality of public services per region and service, no personal data');
