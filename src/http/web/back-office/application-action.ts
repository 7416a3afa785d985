import {
  applicationStatusLabels,
  ApplicationStatus,
} from '../../../domain/application/ApplicationStatus.js';
import { availableCommandLabel } from '../../../domain/application/available-command-labels.js';
import { DomainError, ErrorCode, type FieldIssue } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import type { ApplicationServices } from '../../../engine/application-services.js';
import {
  commandFormTexts,
  CommandWorkspace,
  findCommandForm,
  formText,
  giveCommand,
} from '../../../features/command-table.js';
import type { SignedInUser } from '../../../features/identity/signed-in-user.js';
import { errorTable, fieldIssueMessage } from '../../error-table.js';
import { documentSigningContext } from '../../signing-context.js';
import { readFormLists } from '../form.js';
import type { FormError } from '../layout.js';
import { refuse, type Refusal } from '../page.js';
import type { WebContext } from '../web-env.js';
import { inLocale } from './components.js';
import { stepNameOf } from './step-names.js';
import { bo } from './texts.js';

/** Where an engine's field issue is shown on the form of `action`. */
function fieldOfIssue(action: string, path: string): string {
  if (path === 'executorId') return 'assign-executor';
  if (path === 'answer') return 'complete-answer';
  if (path === 'reason') return `${action}-reason`;
  if (path.startsWith('by')) return 'extend-amount';
  if (path.startsWith('fields.')) return `${action}-${path.slice('fields.'.length)}`;
  return `${action}-form`;
}

function formErrorOf(action: string, issue: FieldIssue, locale: Locale): FormError {
  const path = issue.path;
  const message =
    issue.rule === 'required'
      ? path === 'fields.grounds'
        ? commandFormTexts.groundsRequired[locale]
        : path === 'answer'
          ? bo.answerRequired[locale]
          : bo.fieldRequired[locale]
      : (fieldIssueMessage(issue, locale) ?? errorTable.validation_failed.message[locale]);
  return { field: fieldOfIssue(action, path), message };
}

/**
 * A command of the engine's allowed list (`kind` or `kind:stepId`) in words: a step's command by
 * the regulation's step name, any other by its label (`availableCommandLabels`); never the
 * engine's code (issue 18, point 11: `complete_step:assign` was shown as it was).
 */
export function allowedInWords(
  services: Pick<ApplicationServices, 'regulations'>,
  command: string,
  locale: Locale,
): string {
  const separator = command.indexOf(':');
  const kind = separator < 0 ? command : command.slice(0, separator);
  const stepId = separator < 0 ? undefined : command.slice(separator + 1);
  if (stepId && kind !== 'return_draft') {
    for (const regulation of services.regulations.all) {
      const name = stepNameOf(regulation, stepId);
      if (name) return inLocale(name, locale);
    }
  }
  return availableCommandLabel(kind, locale) ?? bo.otherAction[locale];
}

/** The refusal of a command the engine refused (`undefined`: not a refusal to show). */
function refusalOf(
  error: DomainError,
  services: ApplicationServices,
  locale: Locale,
  state: { form: string; values: Record<string, string>; lists: Record<string, string[]> },
): Refusal | undefined {
  const again = (errors: FormError[]) =>
    refuse(state.values, errors, 422, { form: state.form, lists: state.lists });
  if (error.code === ErrorCode.validationFailed) {
    const issues = (error.details.issues ?? []) as FieldIssue[];
    return again(issues.map((issue) => formErrorOf(state.form, issue, locale)));
  }
  if (error.code === ErrorCode.signatureNotConfirmed) {
    const reason = error.details.reasonMessage as Record<Locale, string> | undefined;
    const message = `${errorTable.signature_not_confirmed.message[locale]} ${reason?.[locale] ?? ''}`;
    return again([{ field: 'sign-status', message: message.trim() }]);
  }
  if (error.code === ErrorCode.conflict || error.code === ErrorCode.forbidden) {
    const details = error.details as { status?: string; allowed?: string[] };
    const parsed = ApplicationStatus.safeParse(details.status);
    const conflict = {
      message: errorTable[error.code].message[locale],
      ...(parsed.success ? { status: applicationStatusLabels[parsed.data][locale] } : {}),
      allowed: (details.allowed ?? []).map((command) => allowedInWords(services, command, locale)),
    };
    return refuse({}, [], error.code === ErrorCode.conflict ? 409 : 403, { conflict });
  }
  return undefined;
}

/**
 * POST /back-office/applications/:id/actions/:action: one command of the command table's
 * back-office forms, read from its form and given to the engine; the page again with the
 * form's errors (422) or the refusal (409, 403), else back to the page (303).
 */
export async function runApplicationAction(
  c: WebContext,
  user: SignedInUser & { kind: 'staff' },
): Promise<Response | Refusal> {
  const id = c.req.param('id')!;
  const action = c.req.param('action')!;
  const command = findCommandForm(CommandWorkspace.backOffice, action);
  if (!command) throw new DomainError(ErrorCode.notFound, { action });
  const locale = c.get('locale');
  const services = c.get('deps').applications;
  const { values, lists } = await readFormLists(c);
  const all = { ...values, ...lists };
  try {
    const reading = command.form.read(all);
    if ('errors' in reading) {
      const errors = reading.errors.map((error) => ({ ...error, message: error.message[locale] }));
      return refuse(values, errors, 422, { form: action, lists });
    }
    await giveCommand(
      command.kind,
      services,
      { signing: () => documentSigningContext(c) },
      user.principal,
      { ...reading.input, idempotencyKey: formText(all, 'idempotencyKey'), applicationId: id },
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const refusal = refusalOf(error, services, locale, { form: action, values, lists });
    if (refusal) return refusal;
    throw error;
  }
  return c.redirect(`/back-office/applications/${id}?done=1`, 303);
}
