import type { z } from 'zod';
import type { AvailableCommandKind } from '../domain/application/available-commands.js';
import type { Principal } from '../domain/identity/authorisation.js';
import type { LocalizedText } from '../domain/shared/locale.js';
import type { ApplicationServices } from '../engine/application-services.js';
import type { TrustStore } from '../signing/trust-store.js';
import {
  PrepareDocumentInput,
  prepareResultDocument,
} from './documents/prepare-result-document.js';
import { ReturnDraftInput, returnDraft } from './documents/return-draft.js';
import { SignDocumentInput, signPreparedDocument } from './documents/sign-prepared-document.js';
import {
  SignElectronicRequestInput,
  signElectronicRequest,
} from './front-office/sign-electronic-request.js';
import {
  AnswerQuestionnaireInput,
  answerQuestionnaire,
} from './applications/answer-questionnaire.js';
import { CompleteStepInput, completeStep } from './applications/complete-step.js';
import { DecideAppealInput, decideAppeal } from './applications/decide-appeal.js';
import { ExtendTermInput, extendTerm } from './applications/extend-term.js';
import { FileAppealInput, fileAppeal } from './applications/file-appeal.js';
import { ResumeApplicationInput, resumeApplication } from './applications/resume-application.js';
import { SuspendApplicationInput, suspendApplication } from './applications/suspend-application.js';

/**
 * Every command an application can be given: the ones `listAvailableCommands` offers, and
 * `prepare_document` (phase one of the two-phase signing, offered as `complete_step` at the
 * executor's drafting step or as `sign_document` at the executor's own signing step).
 */
export type CommandKind = AvailableCommandKind | 'prepare_document';

/** What some use cases need from the server besides the services (built only when used). */
export interface CommandContext {
  /** The trusted CAs and CRLs, and the public URL printed in QR codes (the signing commands). */
  readonly signing: () => { readonly trustStore: TrustStore; readonly publicUrl: string };
}

/** A posted form: single values and repeated ones (checkboxes). */
export type FormValues = Readonly<Record<string, string | readonly string[]>>;

/** A field the form refuses before the use case runs: the form field's id and the message. */
export interface CommandFormError {
  readonly field: string;
  readonly message: LocalizedText;
}

/** The use case's input read from a form (without applicationId and idempotencyKey), or why not. */
export type FormReading =
  | { readonly input: Readonly<Record<string, unknown>> }
  | { readonly errors: readonly CommandFormError[] };

/** The workspaces whose pages post commands through the table. */
export const CommandWorkspace = { backOffice: 'back-office', cabinet: 'cabinet' } as const;
export type CommandWorkspace = (typeof CommandWorkspace)[keyof typeof CommandWorkspace];

/** A page's form for a command: where it posts and how its fields become the input. */
export interface CommandForm {
  readonly workspace: CommandWorkspace;
  /** The last segment of the URL the form posts to (back office: …/actions/<name>). */
  readonly name: string;
  /** The cabinet's confirmation once done (`?done=<done>`). */
  readonly done?: string;
  /** The posted fields the page shows again when the form is refused (the cabinet). */
  readonly keep?: readonly string[];
  /** Reads the posted values; refused fields are shown on the form (422). */
  readonly read: (values: FormValues) => FormReading;
}

/** One row of the table: the input schema, the use case, and the forms that give it. */
export interface CommandRow<Input extends z.ZodObject = z.ZodObject> {
  /** The use case's input, `applicationId` and `idempotencyKey` included. */
  readonly input: Input;
  /** The use case (one file in features/). */
  run(
    services: ApplicationServices,
    context: CommandContext,
    principal: Principal,
    input: z.input<Input>,
  ): Promise<unknown>;
  /** Given through POST /api/v1/applications/:id/commands (else through its own route). */
  readonly api: boolean;
  readonly forms: readonly CommandForm[];
}

const defineCommand = <Input extends z.ZodObject>(row: CommandRow<Input>) => row;

// --- reading forms -------------------------------------------------------------------------

/** A single value as posted ('' when absent; the first of repeated values). */
const formValue = (values: FormValues, name: string): string => {
  const value = values[name];
  return typeof value === 'string' ? value : (value?.[0] ?? '');
};
/** A single value, trimmed. */
export const formText = (values: FormValues, name: string): string =>
  formValue(values, name).trim();
const formList = (values: FormValues, name: string): string[] => {
  const value = values[name];
  return (typeof value === 'string' ? [value] : (value ?? [])).filter((item) => item.trim() !== '');
};
/** The version the user saw, when the form carries a valid one. */
const expectedOf = (values: FormValues) => {
  const version = Number(formText(values, 'expectedVersion'));
  return Number.isInteger(version) && version > 0 ? { expectedVersion: version } : {};
};
const noteOf = (values: FormValues) =>
  formText(values, 'note') ? { note: formText(values, 'note') } : {};

/** The form's own messages (kk, ru, en). */
export const commandFormTexts = {
  groundsRequired: {
    kk: 'Кемінде бір негізді таңдаңыз',
    ru: 'Выберите хотя бы одно основание',
    en: 'Choose at least one ground',
  },
  cmsRequired: {
    kk: 'Қолтаңба жоқ: NCALayer арқылы қол қойыңыз (JavaScript қажет).',
    ru: 'Нет подписи: подпишите через NCALayer (нужен JavaScript).',
    en: 'No signature: sign with NCALayer (JavaScript is needed).',
  },
  reasonRequired: {
    kk: 'Себебін жазыңыз (кемінде 3 таңба)',
    ru: 'Укажите причину (не менее 3 символов)',
    en: 'Give a reason (3 characters or more)',
  },
  amountRequired: {
    kk: 'Оң санды енгізіңіз',
    ru: 'Введите положительное число',
    en: 'Enter a positive number',
  },
  appealTooShort: {
    kk: 'Шағымның мәтінін жазыңыз (кемінде 10 таңба)',
    ru: 'Напишите текст жалобы (не менее 10 символов)',
    en: 'Write the appeal (at least 10 characters)',
  },
  chooseProcessAnswer: {
    kk: 'Қызмет көрсету процесі мен нәтижесі туралы сұраққа жауапты таңдаңыз',
    ru: 'Выберите ответ на вопрос о процессе и результате оказания услуги',
    en: 'Choose an answer to the question on the process and the result of the service',
  },
  chooseInformationAnswer: {
    kk: 'Қызмет көрсету тәртібі туралы ақпарат жөніндегі сұраққа жауапты таңдаңыз',
    ru: 'Выберите ответ на вопрос об информации о порядке оказания услуги',
    en: 'Choose an answer to the question on the information about how the service is provided',
  },
  commentRequired: {
    kk: 'Орындаушыға не түзету керектігін жазыңыз (3-тен 2000 таңбаға дейін)',
    ru: 'Напишите исполнителю, что исправить (от 3 до 2000 символов)',
    en: 'Tell the executor what to change (3 to 2,000 characters)',
  },
} as const satisfies Record<string, LocalizedText>;
const texts = commandFormTexts;

/** The executor's draft: the template's fields (`field.<name>`), and the grounds of a refusal. */
function readDraft(values: FormValues, outcome: 'result' | 'reasoned_refusal'): FormReading {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith('field.') && typeof value === 'string' && value.trim() !== '') {
      fields[key.slice('field.'.length)] = value.trim();
    }
  }
  if (outcome === 'reasoned_refusal') {
    const grounds = [...formList(values, 'grounds'), ...formList(values, 'otherGround')];
    if (grounds.length === 0) {
      return { errors: [{ field: 'draft-refusal-grounds', message: texts.groundsRequired }] };
    }
    fields.grounds = grounds;
  }
  return { input: { ...expectedOf(values), outcome, fields, ...noteOf(values) } };
}

const satisfaction = new Set(['satisfied', 'partially_satisfied', 'not_satisfied']);

// --- the table -----------------------------------------------------------------------------

/**
 * The one command table (OpenCRVS's ACTION_PROCEDURE_CONFIG): the JSON API, the back office
 * and the cabinet dispatch through it ({@link giveCommand}). A command kind without its row
 * does not compile. A new command: its event, its fold case, its availability, one row here,
 * one use-case file (docs/application-engine.md, "Adding a command").
 */
export const commandTable = {
  complete_step: defineCommand({
    input: CompleteStepInput,
    run: (services, _context, principal, input) => completeStep(services, principal, input),
    api: true,
    forms: [
      {
        workspace: CommandWorkspace.backOffice,
        name: 'complete',
        read: (values) => {
          const answer = formText(values, 'answer');
          return {
            input: {
              ...expectedOf(values),
              stepId: formText(values, 'stepId'),
              ...(answer ? { answer: answer === 'yes' } : {}),
              ...noteOf(values),
            },
          };
        },
      },
      {
        workspace: CommandWorkspace.backOffice,
        name: 'assign',
        read: (values) => ({
          input: {
            ...expectedOf(values),
            stepId: formText(values, 'stepId'),
            executorId: formText(values, 'executorId'),
            ...noteOf(values),
          },
        }),
      },
      {
        workspace: CommandWorkspace.cabinet,
        name: 'steps',
        done: 'step',
        read: (values) => {
          const answer = formValue(values, 'answer');
          return {
            input: {
              stepId: formValue(values, 'stepId'),
              ...expectedOf(values),
              ...(answer === 'yes' ? { answer: true } : answer === 'no' ? { answer: false } : {}),
            },
          };
        },
      },
    ],
  }),
  sign_document: defineCommand({
    input: SignDocumentInput,
    run: (services, context, principal, input) =>
      signPreparedDocument(services, context.signing(), principal, input),
    api: false,
    forms: [
      {
        workspace: CommandWorkspace.backOffice,
        name: 'sign',
        read: (values) => {
          const cms = formText(values, 'cms');
          if (!cms) return { errors: [{ field: 'sign-status', message: texts.cmsRequired }] };
          return { input: { ...expectedOf(values), draftId: formText(values, 'draftId'), cms } };
        },
      },
    ],
  }),
  sign_request: defineCommand({
    input: SignElectronicRequestInput,
    run: (services, context, principal, input) =>
      signElectronicRequest(services, context.signing(), principal, input),
    api: false,
    forms: [],
  }),
  extend_term: defineCommand({
    input: ExtendTermInput,
    run: (services, _context, principal, input) => extendTerm(services, principal, input),
    api: true,
    forms: [
      {
        workspace: CommandWorkspace.backOffice,
        name: 'extend',
        read: (values) => {
          const amount = Number(formText(values, 'amount'));
          const errors: CommandFormError[] = [];
          if (!(amount > 0)) errors.push({ field: 'extend-amount', message: texts.amountRequired });
          if (formText(values, 'reason').length < 3)
            errors.push({ field: 'extend-reason', message: texts.reasonRequired });
          if (errors.length > 0) return { errors };
          return {
            input: {
              reason: formText(values, 'reason'),
              by: { amount, unit: formText(values, 'unit') },
            },
          };
        },
      },
    ],
  }),
  suspend: defineCommand({
    input: SuspendApplicationInput,
    run: (services, _context, principal, input) => suspendApplication(services, principal, input),
    api: true,
    forms: [
      {
        workspace: CommandWorkspace.backOffice,
        name: 'suspend',
        read: (values) =>
          formText(values, 'reason').length < 3
            ? { errors: [{ field: 'suspend-reason', message: texts.reasonRequired }] }
            : { input: { reason: formText(values, 'reason') } },
      },
    ],
  }),
  resume: defineCommand({
    input: ResumeApplicationInput,
    run: (services, _context, principal, input) => resumeApplication(services, principal, input),
    api: true,
    forms: [
      { workspace: CommandWorkspace.backOffice, name: 'resume', read: () => ({ input: {} }) },
    ],
  }),
  appeal: defineCommand({
    input: FileAppealInput,
    run: (services, _context, principal, input) => fileAppeal(services, principal, input),
    api: false,
    forms: [
      {
        workspace: CommandWorkspace.cabinet,
        name: 'appeal',
        done: 'appeal',
        keep: ['text'],
        read: (values) => {
          const trimmed = formText(values, 'text');
          return trimmed.length < 10 || trimmed.length > 8000
            ? { errors: [{ field: 'appeal-text', message: texts.appealTooShort }] }
            : { input: { text: trimmed } };
        },
      },
    ],
  }),
  decide_appeal: defineCommand({
    input: DecideAppealInput,
    run: (services, _context, principal, input) => decideAppeal(services, principal, input),
    api: true,
    forms: [],
  }),
  return_draft: defineCommand({
    input: ReturnDraftInput,
    run: (services, _context, principal, input) => returnDraft(services, principal, input),
    api: true,
    forms: [
      {
        workspace: CommandWorkspace.backOffice,
        name: 'return-draft',
        read: (values) => {
          const comment = formText(values, 'comment');
          return comment.length < 3 || comment.length > 2000
            ? { errors: [{ field: 'return-draft-comment', message: texts.commentRequired }] }
            : { input: { ...expectedOf(values), comment } };
        },
      },
    ],
  }),
  answer_questionnaire: defineCommand({
    input: AnswerQuestionnaireInput,
    run: (services, _context, principal, input) => answerQuestionnaire(services, principal, input),
    api: false,
    forms: [
      {
        workspace: CommandWorkspace.cabinet,
        name: 'questionnaire',
        done: 'questionnaire',
        keep: ['process', 'information'],
        read: (values) => {
          const process = formValue(values, 'process');
          const information = formValue(values, 'information');
          const errors: CommandFormError[] = [];
          if (!satisfaction.has(process))
            errors.push({ field: 'process-satisfied', message: texts.chooseProcessAnswer });
          if (!satisfaction.has(information))
            errors.push({ field: 'information-satisfied', message: texts.chooseInformationAnswer });
          return errors.length > 0 ? { errors } : { input: { process, information } };
        },
      },
    ],
  }),
  prepare_document: defineCommand({
    input: PrepareDocumentInput,
    run: (services, context, principal, input) =>
      prepareResultDocument(services, context.signing(), principal, input),
    api: false,
    forms: [
      {
        workspace: CommandWorkspace.backOffice,
        name: 'draft-result',
        read: (values) => readDraft(values, 'result'),
      },
      {
        workspace: CommandWorkspace.backOffice,
        name: 'draft-refusal',
        read: (values) => readDraft(values, 'reasoned_refusal'),
      },
    ],
  }),
} satisfies CommandTable;

/** The table's type: one row for every command kind (a missing row is a compile error). */
export type CommandTable = { readonly [Kind in CommandKind]: CommandRow };

/** The command kinds, in the table's order. */
export const commandKinds = Object.keys(commandTable) as CommandKind[];

/**
 * Gives `kind` to an application through its row's use case. The input is the use case's
 * (applicationId and idempotencyKey included); the use case parses it (422 on a bad one),
 * so a caller may pass what it read from a request.
 */
export function giveCommand(
  kind: CommandKind,
  services: ApplicationServices,
  context: CommandContext,
  principal: Principal,
  input: Readonly<Record<string, unknown>>,
): Promise<unknown> {
  const row: CommandRow = commandTable[kind];
  return row.run(services, context, principal, input as z.input<z.ZodObject>);
}

/** The form of `workspace` posted as `name`, with its command kind; undefined when none. */
export function findCommandForm(
  workspace: CommandWorkspace,
  name: string,
): { readonly kind: CommandKind; readonly form: CommandForm } | undefined {
  for (const kind of commandKinds) {
    const form = commandTable[kind].forms.find(
      (candidate) => candidate.workspace === workspace && candidate.name === name,
    );
    if (form) return { kind, form };
  }
  return undefined;
}

/** The forms of `workspace`, with their command kinds (to register their routes). */
export function listCommandForms(
  workspace: CommandWorkspace,
): { readonly kind: CommandKind; readonly form: CommandForm }[] {
  return commandKinds.flatMap((kind) =>
    commandTable[kind].forms
      .filter((form) => form.workspace === workspace)
      .map((form) => ({ kind, form })),
  );
}
