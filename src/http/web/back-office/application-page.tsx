import { actorLabels, channelLabels, questionLabels } from '../../../domain/regulation/labels.js';
import type { DecisionQuestion } from '../../../domain/regulation/DecisionQuestion.js';
import type { LocalizedText } from '../../../domain/shared/locale.js';
import type { BackOfficeApplication } from '../../../features/queries/get-back-office-application.js';
import { ErrorSummary, Notice, Page, type PageContext } from '../layout.js';
import { formatDateTime } from '../messages.js';
import { ncaLayerScript } from '../ncalayer.js';
import { ActionForms, type ActionFormState, type KeyFactory } from './action-forms.js';
import { backOfficeNav, Due, IndicatorTag, inLocale } from './components.js';
import { bo } from './texts.js';

/** The front office's electronic request, signed with the operator's ЭЦП (issue 9). */
const signedRequestLabel: LocalizedText = {
  kk: 'Электрондық сұрау салуға ЭЦҚ-мен қол қойған',
  ru: 'Электронный запрос подписан ЭЦП',
  en: 'Electronic request signed by',
};

/** A refused command: the engine's message, the current state and what is allowed now. */
export interface Refusal {
  readonly message: string;
  readonly status?: LocalizedText;
  readonly allowed?: readonly string[];
}

/** One application as the provider's staff work on it, with the actions allowed to this user. */
export function ApplicationPage(props: {
  ctx: PageContext;
  data: BackOfficeApplication;
  state?: ActionFormState;
  refusal?: Refusal;
  done?: boolean;
  newKey: KeyFactory;
  ncaLayerUrl: string;
}) {
  const { ctx, data } = props;
  const { view } = data;
  const locale = ctx.locale;
  const step = view.currentStep;
  const stepTitle = step ? inLocale(step.description, locale) : '';
  const indicator = view.isSuspended
    ? 'suspended'
    : view.isOverdue || step?.isOverdue
      ? 'overdue'
      : undefined;
  const title = `${bo.applicationTitle[locale]} ${view.number}`;
  return (
    <Page ctx={ctx} title={title} nav={backOfficeNav} scripts={[ncaLayerScript]}>
      <h1>{title}</h1>
      <p class="lead">{inLocale(view.serviceName, locale)}</p>
      <ErrorSummary ctx={ctx} errors={props.state?.errors ?? []} />
      {props.refusal ? (
        <Notice tone="bad" role="alert">
          <h2>{bo.refused[locale]}</h2>
          <p id="refusal-message">{props.refusal.message}</p>
          {props.refusal.status ? (
            <p>
              {bo.nowStatus[locale]}: {props.refusal.status[locale]}. {bo.allowedNow[locale]}:{' '}
              {props.refusal.allowed && props.refusal.allowed.length > 0
                ? props.refusal.allowed.join(', ')
                : bo.nothingAllowed[locale]}
            </p>
          ) : null}
        </Notice>
      ) : null}
      {props.done ? (
        <Notice tone="ok" role="status">
          <p>{bo.done[locale]}</p>
        </Notice>
      ) : null}
      <dl class="facts" id="summary">
        <dt>{bo.status[locale]}</dt>
        <dd id="status">{view.statusLabel[locale]}</dd>
        <dt>{bo.channel[locale]}</dt>
        <dd>{channelLabels[view.channel][locale]}</dd>
        <dt>{bo.submittedAt[locale]}</dt>
        <dd>
          <Due at={view.submittedAt} locale={locale} timeZone={data.timeZone} />
        </dd>
        <dt>{bo.applicant[locale]}</dt>
        <dd>{view.applicantIin}</dd>
        {view.representativeIin ? (
          <>
            <dt>{bo.representative[locale]}</dt>
            <dd>{view.representativeIin}</dd>
          </>
        ) : null}
        <dt>{bo.due[locale]}</dt>
        <dd>
          <Due at={view.dueAt} locale={locale} class="total-due" timeZone={data.timeZone} />{' '}
          {indicator ? <IndicatorTag indicator={indicator} locale={locale} /> : null}
        </dd>
        {data.signedRequest ? (
          <>
            <dt>{signedRequestLabel[locale]}</dt>
            <dd id="signed-request">
              {data.signedRequest.signerName}
              {data.signedRequest.signerIin ? ` (${data.signedRequest.signerIin})` : ''},{' '}
              <Due at={data.signedRequest.signedAt} locale={locale} />
            </dd>
          </>
        ) : null}
        {data.executorName ? (
          <>
            <dt>{bo.executor[locale]}</dt>
            <dd id="executor">{data.executorName}</dd>
          </>
        ) : null}
      </dl>
      {step ? (
        <section aria-labelledby="step-title">
          <h2 id="step-title">{bo.currentStep[locale]}</h2>
          <dl class="facts">
            <dt>{bo.step[locale]}</dt>
            <dd id="current-step">
              {step.position}/{step.stepCount} · {stepTitle} ({actorLabels[step.actor][locale]})
            </dd>
            <dt>{bo.stepDue[locale]}</dt>
            <dd>
              <Due at={step.dueAt} locale={locale} class="step-due" timeZone={data.timeZone} />{' '}
              {step.isOverdue ? <IndicatorTag indicator="overdue" locale={locale} /> : null}
            </dd>
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{bo.actions[locale]}</h2>
        <ActionForms
          ctx={ctx}
          data={data}
          state={props.state}
          newKey={props.newKey}
          ncaLayerUrl={props.ncaLayerUrl}
          stepTitle={stepTitle}
        />
      </section>
      <section aria-labelledby="data-title">
        <h2 id="data-title">{bo.applicantData[locale]}</h2>
        {Object.keys(data.fields).length === 0 ? (
          <p>{bo.none[locale]}</p>
        ) : (
          <dl class="facts">
            {Object.entries(data.fields).map(([key, value]) => (
              <>
                <dt>{data.fieldLabels[key] ? inLocale(data.fieldLabels[key], locale) : key}</dt>
                <dd>{value}</dd>
              </>
            ))}
          </dl>
        )}
        <h3>{bo.attachments[locale]}</h3>
        {data.attachments.length === 0 ? (
          <p>{bo.none[locale]}</p>
        ) : (
          <ul id="attachments">
            {data.attachments.map((attachment) => (
              <li data-sha256={attachment.sha256}>
                {attachment.upload ? (
                  <a
                    href={`/back-office/applications/${view.id}/uploads/${attachment.upload.id}`}
                    download={attachment.name}
                  >
                    {attachment.name}
                  </a>
                ) : (
                  attachment.name
                )}{' '}
                ({attachment.kind}
                {attachment.upload
                  ? `, ${attachment.upload.mediaType}, ${Math.ceil(attachment.upload.sizeBytes / 1024)} KB`
                  : ''}
                ) <span class="visually-hidden">SHA-256</span>
                <code class="sha256">{attachment.sha256}</code>
              </li>
            ))}
          </ul>
        )}
        <h3>{bo.registryAnswers[locale]}</h3>
        {Object.keys(data.facts).length === 0 ? (
          <p>{bo.none[locale]}</p>
        ) : (
          <dl class="facts" id="facts">
            {Object.entries(data.facts).map(([question, answer]) => (
              <>
                <dt>
                  {inLocale(
                    questionLabels[question as DecisionQuestion] ?? { kk: question, ru: question },
                    locale,
                  )}
                </dt>
                <dd>{answer ? bo.yes[locale] : bo.no[locale]}</dd>
              </>
            ))}
          </dl>
        )}
        {data.registryCalls.length > 0 ? (
          <>
            <h3>{bo.registryCalls[locale]}</h3>
            <ul>
              {data.registryCalls.map((call) => (
                <li>
                  {formatDateTime(call.at, locale, data.timeZone)} · {call.system} ·{' '}
                  {call.operation} · {call.outcome}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{bo.issuedDocuments[locale]}</h2>
        {data.documents.length === 0 ? (
          <p>{bo.none[locale]}</p>
        ) : (
          <ul id="documents">
            {data.documents.map((document) => (
              <li>
                <a href={`/documents/${document.id}.pdf`}>{document.number}</a> ·{' '}
                <a href={`/verify/${document.id}`}>/verify</a> ·{' '}
                {formatDateTime(document.signedAt, locale, data.timeZone)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{bo.history[locale]}</h2>
        <ol id="history">
          {view.history.map((entry) => (
            <li>
              <Due at={entry.at} locale={locale} timeZone={data.timeZone} /> —{' '}
              {entry.statusLabel[locale]}
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}
