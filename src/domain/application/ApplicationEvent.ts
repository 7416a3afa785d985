import { z } from 'zod';
import { Duration } from '../regulation/Duration.js';
import { Channel } from '../regulation/Channel.js';
import { DecisionQuestion } from '../regulation/DecisionQuestion.js';
import type { LocalizedText } from '../shared/locale.js';
import { StaffRole } from '../shared/roles.js';

/** Who recorded an event: a citizen (by IIN), a staff member in their organisation, or the system. */
export const EventActor = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('citizen'), iin: z.string().regex(/^\d{12}$/) }).strict(),
    z
      .object({
        kind: z.literal('staff'),
        userId: z.string().min(1),
        role: z.enum(StaffRole),
        organisationId: z.string().min(1),
      })
      .strict(),
    z.object({ kind: z.literal('system'), process: z.string().min(1) }).strict(),
  ])
  .describe('Who caused the event');
export type EventActor = z.infer<typeof EventActor>;

/** A document attached to an application (its bytes are stored elsewhere, by hash). */
export const AttachedDocument = z
  .object({
    kind: z.string().min(1).describe('Id of the required document of the regulation, or "other"'),
    name: z.string().min(1).max(200),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AttachedDocument = z.infer<typeof AttachedDocument>;

const submitted = z
  .object({
    type: z.literal('submitted'),
    regulationId: z.string().min(1),
    channel: Channel,
    applicantIin: z.string().regex(/^\d{12}$/),
    representativeIin: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    providerOrganisationId: z.string().min(1),
    frontOfficeId: z.string().min(1).optional(),
    fields: z.record(z.string(), z.string()).default({}),
    documents: z.array(AttachedDocument).default([]),
    /**
     * How the applicant certified the request, when the submitter checked it: the one-time
     * password's certification record (standard-education-duplicates, point 8: "удостоверенное ЭЦП или одноразовым
     * паролем") and the SHA-256 of what was certified.
     */
    certification: z
      .object({
        method: z.enum(['otp']),
        id: z.string().min(1),
        digestSha256: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict()
      .optional(),
    /** Answers known at submission, e.g. signature_valid after the signature was checked. */
    facts: z.partialRecord(DecisionQuestion, z.boolean()).default({}),
  })
  .strict();

/**
 * What a registry lookup step asked and what the named adapter answered: the names of the
 * facts found, never their values (those stay in the registry and the gateway's call log).
 */
export const RegistryLookupRecord = z
  .object({
    registry: z.string().min(1).max(60),
    subject: z.enum(['applicant', 'representative']),
    found: z.boolean(),
    /** The facts the registry answered (all the step asked for, when found). */
    facts: z.array(z.string().min(1).max(60)).max(20),
    /** Why not found: person_not_found, power_of_attorney_revoked, fact_missing:address… */
    reason: z.string().min(1).max(100).optional(),
  })
  .strict();
export type RegistryLookupRecord = z.infer<typeof RegistryLookupRecord>;

const stepCompleted = z
  .object({
    type: z.literal('step_completed'),
    stepId: z.string().min(1),
    /** The answer to the step's decision question, when it has one. */
    answer: z.boolean().optional(),
    /** assign_executor: the staff member appointed. */
    executorId: z.string().min(1).optional(),
    note: z.string().max(4000).optional(),
    documentIds: z.array(z.string().min(1)).default([]),
    /** registry_lookup: each named registry's answer (src/integrations/registry-adapters.ts). */
    lookup: z.array(RegistryLookupRecord).max(10).optional(),
  })
  .strict();

const termExtended = z
  .object({ type: z.literal('term_extended'), reason: z.string().min(1).max(2000), by: Duration })
  .strict();
const suspended = z
  .object({ type: z.literal('suspended'), reason: z.string().min(1).max(2000) })
  .strict();
const resumed = z.object({ type: z.literal('resumed') }).strict();
const handedBack = z.object({ type: z.literal('handed_back') }).strict();
const appealed = z.object({ type: z.literal('appealed'), appealId: z.string().min(1) }).strict();
/** The provider's decision on an appeal; the reasoned answer is kept with the appeal. */
const appealDecided = z
  .object({
    type: z.literal('appeal_decided'),
    appealId: z.string().min(1),
    decision: z.enum(['upheld', 'rejected']),
  })
  .strict();
/**
 * The head sends the draft waiting for their signature back to the executor's step it was
 * drafted from, with a comment the executor reads (issue 18, point 7); the draft is set aside.
 */
const draftReturned = z
  .object({
    type: z.literal('draft_returned'),
    /** The executor's step the application goes back to. */
    stepId: z.string().min(1),
    comment: z.string().min(3).max(2000),
  })
  .strict();
const questionnaireAnswered = z
  .object({
    type: z.literal('questionnaire_answered'),
    process: z.enum(['not_satisfied', 'partially_satisfied', 'satisfied']),
    information: z.enum(['not_satisfied', 'partially_satisfied', 'satisfied']),
  })
  .strict();

/** What happened, without when and by whom: the payload of one log entry. */
export const ApplicationEventPayload = z.discriminatedUnion('type', [
  submitted,
  stepCompleted,
  termExtended,
  suspended,
  resumed,
  handedBack,
  appealed,
  appealDecided,
  draftReturned,
  questionnaireAnswered,
]);
export type ApplicationEventPayload = z.infer<typeof ApplicationEventPayload>;
export type ApplicationEventType = ApplicationEventPayload['type'];

/** What each kind of log entry is called (kk, ru, en): the history shown to people. */
export const applicationEventLabels = {
  submitted: { kk: 'Өтініш берілді', ru: 'Заявление подано', en: 'Application submitted' },
  step_completed: { kk: 'Қадам орындалды', ru: 'Шаг выполнен', en: 'Step completed' },
  term_extended: { kk: 'Мерзім ұзартылды', ru: 'Срок продлён', en: 'Term extended' },
  suspended: {
    kk: 'Қызмет көрсету тоқтатыла тұрды',
    ru: 'Оказание услуги приостановлено',
    en: 'Suspended',
  },
  resumed: { kk: 'Қайта басталды', ru: 'Возобновлено', en: 'Resumed' },
  handed_back: {
    kk: 'Нәтиже көрсетілетін қызметті берушіге қайтарылды',
    ru: 'Результат возвращён услугодателю',
    en: 'Result handed back to the provider',
  },
  appealed: { kk: 'Шағым берілді', ru: 'Подана жалоба', en: 'Appeal filed' },
  appeal_decided: {
    kk: 'Шағым бойынша шешім қабылданды',
    ru: 'По жалобе принято решение',
    en: 'Appeal decided',
  },
  draft_returned: {
    kk: 'Жоба орындаушыға пысықтауға қайтарылды',
    ru: 'Проект возвращён исполнителю на доработку',
    en: 'Draft returned to the executor for rework',
  },
  questionnaire_answered: {
    kk: 'Сауалнамаға жауап берілді',
    ru: 'Заполнена анкета',
    en: 'Questionnaire answered',
  },
} as const satisfies Record<ApplicationEventType, LocalizedText>;

/** One entry of an application's append-only action log. */
export type ApplicationEvent = ApplicationEventPayload & {
  /** 1, 2, 3… within the application; also its optimistic-concurrency version. */
  readonly sequence: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly actor: EventActor;
};
