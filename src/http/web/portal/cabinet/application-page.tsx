import { randomUUID } from 'node:crypto';
import { finalStatuses } from '../../../../domain/application/ApplicationStatus.js';
import { channelLabels, questionLabels } from '../../../../domain/regulation/labels.js';
import type { Locale } from '../../../../domain/shared/locale.js';
import {
  CommandWorkspace,
  giveCommand,
  listCommandForms,
  type CommandForm,
  type CommandKind,
} from '../../../../features/command-table.js';
import {
  getCabinetApplication,
  type CabinetApplication,
} from '../../../../features/cabinet/get-cabinet-application.js';
import { countMyUnreadNotifications } from '../../../../features/notifications/list-my-notifications.js';
import { organisationTimeZone } from '../../../../features/catalogue/organisation-time-zone.js';
import { documentSigningContext } from '../../../signing-context.js';
import { readForm } from '../../form.js';
import { CsrfField, ErrorSummary, Notice, type PageContext } from '../../layout.js';
import { DueTime, NameIn, Table } from '../../components.js';
import { definePage, refuse, type FormState, type PageAction } from '../../page.js';
import { requireCitizen } from '../../page-context.js';
import { CabinetPage, DueTag, durationText } from './shared.js';
import { printTexts } from '../../document-print-page.js';
import { eventLabels, text } from './texts.js';

type Citizen = Awaited<ReturnType<typeof requireCitizen>>;

/** What the page shows: the application, the unread count, the confirmation, the zone. */
interface ApplicationData {
  readonly application: CabinetApplication;
  readonly unreadCount: number;
  /** `?done=` of the redirect after a command (a GET only). */
  readonly done: string | undefined;
  /** The provider's zone, where the engine counts the dues. */
  readonly timeZone: string;
}

/** What every part of the page needs: the language and the provider's zone. */
interface PartProps {
  readonly locale: Locale;
  readonly timeZone: string;
}

const satisfactionOptions = ['satisfied', 'partially_satisfied', 'not_satisfied'] as const;

/** A hidden idempotency key made when the form is rendered: a double submit is one command. */
function KeyField() {
  return <input type="hidden" name="idempotencyKey" value={randomUUID()} />;
}

function Satisfaction(props: {
  id: 'process' | 'information';
  legend: string;
  value: string | undefined;
  error: string | undefined;
  locale: Locale;
}) {
  const { id, locale } = props;
  return (
    <fieldset
      class={props.error ? 'field invalid' : 'field'}
      id={id}
      aria-describedby={props.error ? `${id}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.error ? (
        <span class="error" id={`${id}-error`}>
          {props.error}
        </span>
      ) : null}
      {satisfactionOptions.map((option) => (
        <div class="choice">
          <input
            type="radio"
            id={`${id}-${option}`}
            name={id}
            value={option}
            checked={props.value === option}
          />
          <label for={`${id}-${option}`}>{text[option][locale]}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A date and time on the provider's wall clock. */
function At(props: PartProps & { value: Date | string | null | undefined }) {
  return <DueTime at={props.value} timeZone={props.timeZone} />;
}

const doneTexts = {
  appeal: text.appealFiled,
  questionnaire: text.questionnaireDone,
  step: text.stepDone,
} as const;

function Facts(props: PartProps & { application: CabinetApplication }) {
  const { locale } = props;
  const { view } = props.application;
  const isRunning = !finalStatuses.has(view.status) && !view.isSuspended;
  return (
    <dl class="facts">
      <dt>{text.service[locale]}</dt>
      <dd>
        <NameIn name={view.serviceName} locale={locale} />
      </dd>
      <dt>{text.status[locale]}</dt>
      <dd id="application-status">{view.statusLabel[locale]}</dd>
      <dt>{text.statusCheckCode[locale]}</dt>
      <dd>
        <span class="status-check-code">{props.application.statusCheckCode}</span>{' '}
        <a
          href={`/status?number=${encodeURIComponent(view.number)}&code=${encodeURIComponent(props.application.statusCheckCode)}`}
        >
          {text.openPublicStatus[locale]}
        </a>
      </dd>
      <dt>{text.channel[locale]}</dt>
      <dd>{channelLabels[view.channel][locale]}</dd>
      <dt>{text.submittedAt[locale]}</dt>
      <dd>
        <At {...props} value={view.submittedAt} />
      </dd>
      <dt>{text.applicant[locale]}</dt>
      <dd>{view.applicantIin}</dd>
      {view.representativeIin ? (
        <>
          <dt>{text.representative[locale]}</dt>
          <dd>{view.representativeIin}</dd>
        </>
      ) : null}
      <dt>{text.currentStep[locale]}</dt>
      <dd id="current-step">
        {view.currentStep ? (
          <>
            <NameIn name={view.currentStep.description} locale={locale} /> ({text.stepOf[locale]}{' '}
            {view.currentStep.position} {text.of[locale]} {view.currentStep.stepCount})
          </>
        ) : (
          text.ended[locale]
        )}
      </dd>
      {view.currentStep?.dueAt ? (
        <>
          <dt>{text.stepDue[locale]}</dt>
          <dd id="step-due">
            <At {...props} value={view.currentStep.dueAt} />{' '}
            <DueTag isOverdue={view.currentStep.isOverdue} isRunning={isRunning} locale={locale} />
          </dd>
        </>
      ) : null}
      <dt>{text.due[locale]}</dt>
      <dd id="application-due">
        <At {...props} value={view.dueAt} />{' '}
        <DueTag isOverdue={view.isOverdue} isRunning={isRunning} locale={locale} />
        {view.isSuspended ? <span class="tag neutral">{text.suspendedTag[locale]}</span> : null}
      </dd>
      {view.originalDueAt !== view.dueAt ? (
        <>
          <dt>{text.originalDue[locale]}</dt>
          <dd>
            <At {...props} value={view.originalDueAt} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

type StepCommand = Extract<
  CabinetApplication['view']['availableCommands'][number],
  { kind: 'complete_step' }
>;

/** The form of one applicant step the engine asks for now (with its yes/no question). */
function StepForm(props: { ctx: PageContext; application: CabinetApplication; step: StepCommand }) {
  const { ctx, step } = props;
  const { view } = props.application;
  const locale: Locale = ctx.locale;
  const description = props.application.regulation.channels
    .flatMap((flow) => flow.steps)
    .find((candidate) => candidate.id === step.stepId)?.description;
  return (
    <form method="post" action={`/cabinet/applications/${view.id}/steps`} class="step-form">
      <CsrfField ctx={ctx} />
      <KeyField />
      <input type="hidden" name="stepId" value={step.stepId} />
      <input type="hidden" name="expectedVersion" value={String(view.version)} />
      {step.question ? (
        <fieldset class="field">
          <legend>
            {description ? <NameIn name={description} locale={locale} /> : step.stepId}:{' '}
            <NameIn name={questionLabels[step.question]} locale={locale} />
          </legend>
          <div class="choice">
            <input type="radio" id={`${step.stepId}-yes`} name="answer" value="yes" />
            <label for={`${step.stepId}-yes`}>{text.yes[locale]}</label>
          </div>
          <div class="choice">
            <input type="radio" id={`${step.stepId}-no`} name="answer" value="no" />
            <label for={`${step.stepId}-no`}>{text.no[locale]}</label>
          </div>
        </fieldset>
      ) : (
        <p>{description ? <NameIn name={description} locale={locale} /> : step.stepId}</p>
      )}
      <div class="actions">
        <button type="submit">{text.doStep[locale]}</button>
      </div>
    </form>
  );
}

const errorIn = (form: FormState, field: string) =>
  form.errors.find((error) => error.field === field)?.message;

function QuestionnaireForm(props: { ctx: PageContext; applicationId: string; form: FormState }) {
  const { ctx, form } = props;
  const locale: Locale = ctx.locale;
  return (
    <section aria-labelledby="questionnaire-title">
      <h3 id="questionnaire-title">{text.questionnaire[locale]}</h3>
      <form
        method="post"
        action={`/cabinet/applications/${props.applicationId}/questionnaire`}
        novalidate
      >
        <CsrfField ctx={ctx} />
        <KeyField />
        <Satisfaction
          id="process"
          legend={text.questionProcess[locale]}
          value={form.values.process}
          error={errorIn(form, 'process-satisfied')}
          locale={locale}
        />
        <Satisfaction
          id="information"
          legend={text.questionInformation[locale]}
          value={form.values.information}
          error={errorIn(form, 'information-satisfied')}
          locale={locale}
        />
        <div class="actions">
          <button type="submit">{text.sendAnswers[locale]}</button>
        </div>
      </form>
    </section>
  );
}

function AppealForm(props: { ctx: PageContext; applicationId: string; form: FormState }) {
  const { ctx, form } = props;
  const locale: Locale = ctx.locale;
  const error = errorIn(form, 'appeal-text');
  return (
    <section aria-labelledby="appeal-title">
      <h3 id="appeal-title">{text.fileAppeal[locale]}</h3>
      <form method="post" action={`/cabinet/applications/${props.applicationId}/appeal`} novalidate>
        <CsrfField ctx={ctx} />
        <KeyField />
        <div class={error ? 'field invalid' : 'field'}>
          <label for="appeal-text">{text.appealText[locale]}</label>
          <span class="hint" id="appeal-text-hint">
            {text.appealHint[locale]}
          </span>
          {error ? (
            <span class="error" id="appeal-text-error">
              {error}
            </span>
          ) : null}
          <textarea
            id="appeal-text"
            name="text"
            maxlength={8000}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'appeal-text-hint appeal-text-error' : 'appeal-text-hint'}
          >
            {form.values.text ?? ''}
          </textarea>
        </div>
        <div class="actions">
          <button type="submit">{text.sendAppeal[locale]}</button>
        </div>
      </form>
    </section>
  );
}

/** What the engine asks of the applicant now: its steps, the questionnaire, the appeal. */
function Asked(props: { ctx: PageContext; application: CabinetApplication; form: FormState }) {
  const { ctx, application, form } = props;
  const { view } = application;
  const locale: Locale = ctx.locale;
  const steps = view.availableCommands.flatMap((command) =>
    command.kind === 'complete_step' ? [command] : [],
  );
  const mayAppeal = view.availableCommands.some((command) => command.kind === 'appeal');
  const mayAnswer = view.availableCommands.some(
    (command) => command.kind === 'answer_questionnaire',
  );
  return (
    <>
      <h2 id="asked">{text.whatToDo[locale]}</h2>
      {steps.length === 0 && !mayAppeal && !mayAnswer ? <p>{text.nothingAsked[locale]}</p> : null}
      {steps.map((step) => (
        <StepForm ctx={ctx} application={application} step={step} />
      ))}
      {mayAnswer ? (
        <QuestionnaireForm ctx={ctx} applicationId={view.id} form={form} />
      ) : application.questionnaireAnswered ? (
        <p id="questionnaire-answered">{text.questionnaireDone[locale]}</p>
      ) : null}
      {mayAppeal ? <AppealForm ctx={ctx} applicationId={view.id} form={form} /> : null}
    </>
  );
}

function Appeals(props: PartProps & { appeals: CabinetApplication['appeals'] }) {
  const { locale } = props;
  if (props.appeals.length === 0) return null;
  return (
    <>
      <h2>{text.appeals[locale]}</h2>
      <Table
        id="appeals"
        headings={[
          text.submittedAt[locale],
          text.appealStatus[locale],
          text.appealDue[locale],
          text.decision[locale],
        ]}
      >
        {props.appeals.map((appeal) => (
          <tr>
            <td>
              <At {...props} value={appeal.submittedAt} />
            </td>
            <td class="appeal-status">
              {appeal.status === 'submitted'
                ? text.appealStatuses[locale]
                : text[appeal.status][locale]}
            </td>
            <td class="appeal-due">
              <At {...props} value={appeal.dueAt} />{' '}
              <DueTag
                isOverdue={appeal.isOverdue}
                isRunning={appeal.status === 'submitted'}
                locale={locale}
              />
            </td>
            <td>{appeal.decision ?? '—'}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function ResultDocuments(props: PartProps & { documents: CabinetApplication['documents'] }) {
  const { locale } = props;
  if (props.documents.length === 0) return <p>{text.noDocuments[locale]}</p>;
  return (
    <Table
      id="documents"
      headings={[
        text.documentNumber[locale],
        text.documentKind[locale],
        text.signedAt[locale],
        <span class="visually-hidden">{text.download[locale]}</span>,
      ]}
    >
      {props.documents.map((document) => (
        <tr>
          <th scope="row">
            {document.number}
            {document.isCurrent ? null : ` (${text.replaced[locale]})`}
          </th>
          <td>
            <NameIn name={document.title} locale={locale} />
          </td>
          <td>
            <At {...props} value={document.signedAt} />
          </td>
          <td>
            <a href={`/documents/${document.id}.pdf`} class="download">
              {text.download[locale]}
              <span class="visually-hidden"> {document.number}</span>
            </a>{' '}
            <a href={`/verify/${document.id}`} class="verify">
              {text.verify[locale]}
              <span class="visually-hidden"> {document.number}</span>
            </a>{' '}
            <a href={`/documents/${document.id}/print`} class="print">
              {printTexts.print[locale]}
              <span class="visually-hidden"> {document.number}</span>
            </a>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Attached(props: { locale: Locale; attached: CabinetApplication['attached'] }) {
  const { locale } = props;
  if (props.attached.length === 0) return <p>{text.noAttached[locale]}</p>;
  return (
    <ul>
      {props.attached.map((document) => (
        <li>
          {document.name} — {text.checksum[locale]}: <code>{document.sha256}</code>
        </li>
      ))}
    </ul>
  );
}

function Extensions(props: PartProps & { view: CabinetApplication['view'] }) {
  const { locale } = props;
  if (props.view.extensions.length === 0) return null;
  return (
    <>
      <h2>{text.extensions[locale]}</h2>
      <Table
        id="extensions"
        headings={[text.extendedAt[locale], text.extendedBy[locale], text.reason[locale]]}
      >
        {props.view.extensions.map((extension) => (
          <tr>
            <td>
              <At {...props} value={extension.at} />
            </td>
            <td>{durationText(extension.by, locale)}</td>
            <td>{extension.reason}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function Suspensions(props: PartProps & { suspensions: CabinetApplication['suspensions'] }) {
  const { locale } = props;
  if (props.suspensions.length === 0) return null;
  return (
    <>
      <h2>{text.suspensions[locale]}</h2>
      <Table id="suspensions" headings={[text.from[locale], text.to[locale], text.reason[locale]]}>
        {props.suspensions.map((suspension) => (
          <tr>
            <td>
              <At {...props} value={suspension.from} />
            </td>
            <td>
              {suspension.to ? (
                <At {...props} value={suspension.to} />
              ) : (
                text.stillSuspended[locale]
              )}
            </td>
            <td>{suspension.reason}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function History(props: PartProps & { application: CabinetApplication }) {
  const { locale, application } = props;
  const statusAt = new Map(
    application.view.history.map((entry) => [entry.sequence, entry.statusLabel]),
  );
  return (
    <>
      <h2>{text.history[locale]}</h2>
      <Table
        id="history"
        headings={[text.time[locale], text.event[locale], text.statusAfter[locale]]}
      >
        {application.events.map((event) => (
          <tr>
            <td>
              <At {...props} value={event.at} />
            </td>
            <td>
              {event.step ? (
                <NameIn name={event.step.description} locale={locale} />
              ) : (
                eventLabels[event.type][locale]
              )}
              {event.answer !== null
                ? ` — ${event.answer ? text.answerYes[locale] : text.answerNo[locale]}`
                : ''}
              {event.reason ? ` — ${text.reason[locale]}: ${event.reason}` : ''}
            </td>
            <td>{statusAt.get(event.sequence)?.[locale] ?? ''}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

/** `/cabinet/applications/:id`: one application, everything the citizen may see and do. */
function ApplicationView(props: { ctx: PageContext; data: ApplicationData; form: FormState }) {
  const { ctx, data, form } = props;
  const { application } = data;
  const { view } = application;
  const locale: Locale = ctx.locale;
  const parts: PartProps = { locale, timeZone: data.timeZone };
  const title = `${text.application[locale]} №${view.number}`;
  const doneText =
    data.done !== undefined && Object.hasOwn(doneTexts, data.done)
      ? doneTexts[data.done as keyof typeof doneTexts]
      : undefined;
  return (
    <CabinetPage ctx={ctx} title={title} unreadCount={data.unreadCount} current="/cabinet">
      <p>
        <a href="/cabinet">{text.applications[locale]}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      {doneText ? (
        <Notice tone="ok" role="status">
          <p>{doneText[locale]}</p>
        </Notice>
      ) : null}
      <Facts {...parts} application={application} />
      <p class="hint">{text.timesNote[locale]}</p>

      <Asked ctx={ctx} application={application} form={form} />
      <Appeals {...parts} appeals={application.appeals} />

      <h2>{text.results[locale]}</h2>
      <ResultDocuments {...parts} documents={application.documents} />

      <h2>{text.attached[locale]}</h2>
      <Attached locale={locale} attached={application.attached} />
      <Extensions {...parts} view={view} />
      <Suspensions {...parts} suspensions={application.suspensions} />
      <History {...parts} application={application} />
    </CabinetPage>
  );
}

/** An idempotency key from the form: the one made when it was rendered, else a new one. */
function keyOf(field: (name: string) => string): string {
  const key = field('idempotencyKey');
  return /^[A-Za-z0-9-]{8,100}$/.test(key) ? key : randomUUID();
}

/**
 * The action of one of the applicant's command forms (the command table's cabinet forms, each
 * posted to its own URL): the form's refusal keeps its `keep` fields; success redirects with
 * the form's confirmation.
 */
function commandAction(kind: CommandKind, form: CommandForm): PageAction<Citizen> {
  return async (c, user) => {
    const locale: Locale = c.get('locale');
    const { values, field } = await readForm(c);
    const applicationId = c.req.param('id') ?? '';
    const reading = form.read(values);
    if ('errors' in reading) {
      const errors = reading.errors.map((error) => ({ ...error, message: error.message[locale] }));
      const kept = Object.fromEntries((form.keep ?? []).map((name) => [name, field(name)]));
      return refuse(kept, errors);
    }
    await giveCommand(
      kind,
      c.get('deps').applications,
      { signing: () => documentSigningContext(c) },
      user.principal,
      { ...reading.input, idempotencyKey: keyOf(field), applicationId },
    );
    return c.redirect(`/cabinet/applications/${applicationId}?done=${form.done ?? ''}`, 303);
  };
}

/**
 * `/cabinet/applications/:id` (issue 8): one application with its history, dues, documents
 * and the commands the engine allows the applicant now, each form posted to its own URL.
 */
export const applicationPage = definePage({
  path: '/cabinet/applications/:id',
  guard: requireCitizen,
  load: async (c, user): Promise<ApplicationData> => {
    const services = c.get('deps').applications;
    const [application, unreadCount] = await Promise.all([
      getCabinetApplication(services, user.principal, c.req.param('id') ?? ''),
      countMyUnreadNotifications(services, user.principal),
    ]);
    return {
      application,
      unreadCount,
      done: c.req.method === 'GET' ? c.req.query('done') : undefined,
      timeZone: await organisationTimeZone(services, application.view.providerOrganisationId),
    };
  },
  View: ApplicationView,
  actions: Object.fromEntries(
    listCommandForms(CommandWorkspace.cabinet).map(({ kind, form }) => [
      form.name,
      commandAction(kind, form),
    ]),
  ),
});
