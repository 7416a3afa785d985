import { finalStatuses } from '../../../../domain/application/ApplicationStatus.js';
import { channelLabels, questionLabels } from '../../../../domain/regulation/labels.js';
import type { Locale } from '../../../../domain/shared/locale.js';
import type { CabinetApplication } from '../../../../features/cabinet/get-cabinet-application.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  Page,
  type FormError,
  type PageContext,
} from '../../layout.js';
import { nameIn } from '../../messages.js';
import { cabinetNav, DueTag, durationText, Time } from './shared.js';
import { eventLabels, text } from './texts.js';

/** What was typed into the page's forms, kept after a failed submission. */
export interface ApplicationFormState {
  readonly errors: readonly FormError[];
  readonly appealText?: string;
  readonly process?: string;
  readonly information?: string;
}

const satisfactionOptions = ['satisfied', 'partially_satisfied', 'not_satisfied'] as const;

/** A hidden idempotency key made when the form is rendered: a double submit is one command. */
function KeyField(props: { value: string }) {
  return <input type="hidden" name="idempotencyKey" value={props.value} />;
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

/** `/cabinet/applications/:id`: one application, everything the citizen may see and do. */
export function ApplicationPage(props: {
  ctx: PageContext;
  application: CabinetApplication;
  unreadCount: number;
  form: ApplicationFormState;
  done: string | undefined;
  newKey: () => string;
  /** The provider's zone, where the engine counts the dues. */
  timeZone?: string;
}) {
  const { ctx, application, form } = props;
  const { view } = application;
  const locale: Locale = ctx.locale;
  const errorOf = (field: string) => form.errors.find((error) => error.field === field)?.message;
  const isRunning = !finalStatuses.has(view.status) && !view.isSuspended;
  const steps = view.availableCommands.flatMap((command) =>
    command.kind === 'complete_step' ? [command] : [],
  );
  const mayAppeal = view.availableCommands.some((command) => command.kind === 'appeal');
  const mayAnswer = view.availableCommands.some(
    (command) => command.kind === 'answer_questionnaire',
  );
  const statusAt = new Map(view.history.map((entry) => [entry.sequence, entry.statusLabel]));
  const title = `${text.application[locale]} №${view.number}`;
  const doneText =
    props.done === 'appeal'
      ? text.appealFiled
      : props.done === 'questionnaire'
        ? text.questionnaireDone
        : props.done === 'step'
          ? text.stepDone
          : undefined;
  return (
    <Page ctx={ctx} title={title} nav={cabinetNav(props.unreadCount)} current="/cabinet">
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
      <dl class="facts">
        <dt>{text.service[locale]}</dt>
        <dd>{nameIn(view.serviceName, locale)}</dd>
        <dt>{text.status[locale]}</dt>
        <dd id="application-status">{view.statusLabel[locale]}</dd>
        <dt>{text.channel[locale]}</dt>
        <dd>{channelLabels[view.channel][locale]}</dd>
        <dt>{text.submittedAt[locale]}</dt>
        <dd>
          <Time value={view.submittedAt} locale={locale} timeZone={props.timeZone} />
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
              {nameIn(view.currentStep.description, locale)} ({text.stepOf[locale]}{' '}
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
              <Time value={view.currentStep.dueAt} locale={locale} timeZone={props.timeZone} />{' '}
              <DueTag
                isOverdue={view.currentStep.isOverdue}
                isRunning={isRunning}
                locale={locale}
              />
            </dd>
          </>
        ) : null}
        <dt>{text.due[locale]}</dt>
        <dd id="application-due">
          <Time value={view.dueAt} locale={locale} timeZone={props.timeZone} />{' '}
          <DueTag isOverdue={view.isOverdue} isRunning={isRunning} locale={locale} />
          {view.isSuspended ? <span class="tag neutral">{text.suspendedTag[locale]}</span> : null}
        </dd>
        {view.originalDueAt !== view.dueAt ? (
          <>
            <dt>{text.originalDue[locale]}</dt>
            <dd>
              <Time value={view.originalDueAt} locale={locale} timeZone={props.timeZone} />
            </dd>
          </>
        ) : null}
      </dl>
      <p class="hint">{text.timesNote[locale]}</p>

      <h2 id="asked">{text.whatToDo[locale]}</h2>
      {steps.length === 0 && !mayAppeal && !mayAnswer ? <p>{text.nothingAsked[locale]}</p> : null}
      {steps.map((step) => {
        const description = application.regulation.channels
          .flatMap((flow) => flow.steps)
          .find((candidate) => candidate.id === step.stepId)?.description;
        return (
          <form method="post" action={`/cabinet/applications/${view.id}/steps`} class="step-form">
            <CsrfField ctx={ctx} />
            <KeyField value={props.newKey()} />
            <input type="hidden" name="stepId" value={step.stepId} />
            <input type="hidden" name="expectedVersion" value={String(view.version)} />
            {step.question ? (
              <fieldset class="field">
                <legend>
                  {description ? nameIn(description, locale) : step.stepId}:{' '}
                  {questionLabels[step.question][locale === 'kk' ? 'kk' : 'ru']}
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
              <p>{description ? nameIn(description, locale) : step.stepId}</p>
            )}
            <div class="actions">
              <button type="submit">{text.doStep[locale]}</button>
            </div>
          </form>
        );
      })}

      {mayAnswer ? (
        <section aria-labelledby="questionnaire-title">
          <h3 id="questionnaire-title">{text.questionnaire[locale]}</h3>
          <form method="post" action={`/cabinet/applications/${view.id}/questionnaire`} novalidate>
            <CsrfField ctx={ctx} />
            <KeyField value={props.newKey()} />
            <Satisfaction
              id="process"
              legend={text.questionProcess[locale]}
              value={form.process}
              error={errorOf('process')}
              locale={locale}
            />
            <Satisfaction
              id="information"
              legend={text.questionInformation[locale]}
              value={form.information}
              error={errorOf('information')}
              locale={locale}
            />
            <div class="actions">
              <button type="submit">{text.sendAnswers[locale]}</button>
            </div>
          </form>
        </section>
      ) : application.questionnaireAnswered ? (
        <p id="questionnaire-answered">{text.questionnaireDone[locale]}</p>
      ) : null}

      {mayAppeal ? (
        <section aria-labelledby="appeal-title">
          <h3 id="appeal-title">{text.fileAppeal[locale]}</h3>
          <form method="post" action={`/cabinet/applications/${view.id}/appeal`} novalidate>
            <CsrfField ctx={ctx} />
            <KeyField value={props.newKey()} />
            <div class={errorOf('appeal-text') ? 'field invalid' : 'field'}>
              <label for="appeal-text">{text.appealText[locale]}</label>
              <span class="hint" id="appeal-text-hint">
                {text.appealHint[locale]}
              </span>
              {errorOf('appeal-text') ? (
                <span class="error" id="appeal-text-error">
                  {errorOf('appeal-text')}
                </span>
              ) : null}
              <textarea
                id="appeal-text"
                name="text"
                maxlength={8000}
                aria-invalid={errorOf('appeal-text') ? 'true' : undefined}
                aria-describedby={
                  errorOf('appeal-text') ? 'appeal-text-hint appeal-text-error' : 'appeal-text-hint'
                }
              >
                {form.appealText ?? ''}
              </textarea>
            </div>
            <div class="actions">
              <button type="submit">{text.sendAppeal[locale]}</button>
            </div>
          </form>
        </section>
      ) : null}

      {application.appeals.length > 0 ? (
        <>
          <h2>{text.appeals[locale]}</h2>
          <div class="table-wrap">
            <table id="appeals">
              <thead>
                <tr>
                  <th scope="col">{text.submittedAt[locale]}</th>
                  <th scope="col">{text.appealStatus[locale]}</th>
                  <th scope="col">{text.appealDue[locale]}</th>
                  <th scope="col">{text.decision[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {application.appeals.map((appeal) => (
                  <tr>
                    <td>
                      <Time value={appeal.submittedAt} locale={locale} timeZone={props.timeZone} />
                    </td>
                    <td class="appeal-status">
                      {appeal.status === 'submitted'
                        ? text.appealStatuses[locale]
                        : text[appeal.status][locale]}
                    </td>
                    <td class="appeal-due">
                      <Time value={appeal.dueAt} locale={locale} timeZone={props.timeZone} />{' '}
                      <DueTag
                        isOverdue={appeal.isOverdue}
                        isRunning={appeal.status === 'submitted'}
                        locale={locale}
                      />
                    </td>
                    <td>{appeal.decision ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      <h2>{text.results[locale]}</h2>
      {application.documents.length === 0 ? (
        <p>{text.noDocuments[locale]}</p>
      ) : (
        <div class="table-wrap">
          <table id="documents">
            <thead>
              <tr>
                <th scope="col">{text.documentNumber[locale]}</th>
                <th scope="col">{text.documentKind[locale]}</th>
                <th scope="col">{text.signedAt[locale]}</th>
                <th scope="col">
                  <span class="visually-hidden">{text.download[locale]}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {application.documents.map((document) => {
                return (
                  <tr>
                    <th scope="row">
                      {document.number}
                      {document.isCurrent ? null : ` (${text.replaced[locale]})`}
                    </th>
                    <td>{nameIn(document.title, locale)}</td>
                    <td>
                      <Time value={document.signedAt} locale={locale} timeZone={props.timeZone} />
                    </td>
                    <td>
                      <a href={`/documents/${document.id}.pdf`} class="download">
                        {text.download[locale]}
                        <span class="visually-hidden"> {document.number}</span>
                      </a>{' '}
                      <a href={`/verify/${document.id}`} class="verify">
                        {text.verify[locale]}
                        <span class="visually-hidden"> {document.number}</span>
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>{text.attached[locale]}</h2>
      {application.attached.length === 0 ? (
        <p>{text.noAttached[locale]}</p>
      ) : (
        <ul>
          {application.attached.map((document) => (
            <li>
              {document.name} — {text.checksum[locale]}: <code>{document.sha256}</code>
            </li>
          ))}
        </ul>
      )}

      {view.extensions.length > 0 ? (
        <>
          <h2>{text.extensions[locale]}</h2>
          <div class="table-wrap">
            <table id="extensions">
              <thead>
                <tr>
                  <th scope="col">{text.extendedAt[locale]}</th>
                  <th scope="col">{text.extendedBy[locale]}</th>
                  <th scope="col">{text.reason[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {view.extensions.map((extension) => (
                  <tr>
                    <td>
                      <Time value={extension.at} locale={locale} timeZone={props.timeZone} />
                    </td>
                    <td>{durationText(extension.by, locale)}</td>
                    <td>{extension.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {application.suspensions.length > 0 ? (
        <>
          <h2>{text.suspensions[locale]}</h2>
          <div class="table-wrap">
            <table id="suspensions">
              <thead>
                <tr>
                  <th scope="col">{text.from[locale]}</th>
                  <th scope="col">{text.to[locale]}</th>
                  <th scope="col">{text.reason[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {application.suspensions.map((suspension) => (
                  <tr>
                    <td>
                      <Time value={suspension.from} locale={locale} timeZone={props.timeZone} />
                    </td>
                    <td>
                      {suspension.to ? (
                        <Time value={suspension.to} locale={locale} timeZone={props.timeZone} />
                      ) : (
                        text.stillSuspended[locale]
                      )}
                    </td>
                    <td>{suspension.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      <h2>{text.history[locale]}</h2>
      <div class="table-wrap">
        <table id="history">
          <thead>
            <tr>
              <th scope="col">{text.time[locale]}</th>
              <th scope="col">{text.event[locale]}</th>
              <th scope="col">{text.statusAfter[locale]}</th>
            </tr>
          </thead>
          <tbody>
            {application.events.map((event) => (
              <tr>
                <td>
                  <Time value={event.at} locale={locale} timeZone={props.timeZone} />
                </td>
                <td>
                  {event.step
                    ? nameIn(event.step.description, locale)
                    : eventLabels[event.type][locale]}
                  {event.answer !== null
                    ? ` — ${event.answer ? text.answerYes[locale] : text.answerNo[locale]}`
                    : ''}
                  {event.reason ? ` — ${text.reason[locale]}: ${event.reason}` : ''}
                </td>
                <td>{statusAt.get(event.sequence)?.[locale] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
