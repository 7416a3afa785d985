import { staffNameIn } from '../../../domain/identity/staff-name.js';
import { randomUUID } from 'node:crypto';
import { actorLabels, channelLabels, questionLabels } from '../../../domain/regulation/labels.js';
import type { DecisionQuestion } from '../../../domain/regulation/DecisionQuestion.js';
import type { LocalizedText } from '../../../domain/shared/locale.js';
import {
  getBackOfficeApplication,
  type BackOfficeApplication,
} from '../../../features/back-office/get-back-office-application.js';
import {
  findApplicantName,
  type ApplicantName,
} from '../../../features/back-office/find-applicant-name.js';
import { DueTime } from '../components.js';
import { printTexts } from '../document-print-page.js';
import { ErrorSummary, Notice, Page, type PageContext } from '../layout.js';
import { formatDateTime } from '../messages.js';
import { ncaLayerScript } from '../ncalayer.js';
import { definePage, type Conflict } from '../page.js';
import { requireStaff } from '../page-context.js';
import { ActionForms } from './action-forms.js';
import { runApplicationAction } from './application-action.js';
import { backOfficeNav, backOfficeRoles, IndicatorTag, inLocale } from './components.js';
import { bo } from './texts.js';

/** The front office's electronic request, signed with the operator's ЭЦП (issue 9). */
const signedRequestLabel: LocalizedText = {
  kk: 'Электрондық сұрау салуға ЭЦҚ-мен қол қойған',
  ru: 'Электронный запрос подписан ЭЦП',
  en: 'Electronic request signed by',
};

interface Shown {
  readonly ctx: PageContext;
  readonly data: BackOfficeApplication;
}

/** The applicant's name from ГБД ФЛ, or a word saying why there is none. */
function ApplicantNameFact(props: { ctx: PageContext; name: ApplicantName }) {
  const locale = props.ctx.locale;
  return (
    <>
      <dt>{bo.applicantName[locale]}</dt>
      <dd id="applicant-name">
        {props.name.status === 'found'
          ? props.name.name[locale]
          : props.name.status === 'unavailable'
            ? `— (${bo.applicantNameUnknown[locale]})`
            : '—'}
      </dd>
    </>
  );
}

/** A refused command: the engine's message, the current state and what is allowed now. */
function ConflictNotice(props: { ctx: PageContext; conflict: Conflict | undefined }) {
  const { conflict } = props;
  const locale = props.ctx.locale;
  if (!conflict) return null;
  return (
    <Notice tone="bad" role="alert">
      <h2>{bo.refused[locale]}</h2>
      <p id="refusal-message">{conflict.message}</p>
      {conflict.status ? (
        <p>
          {bo.nowStatus[locale]}: {conflict.status}. {bo.allowedNow[locale]}:{' '}
          {conflict.allowed && conflict.allowed.length > 0
            ? conflict.allowed.join(', ')
            : bo.nothingAllowed[locale]}
        </p>
      ) : null}
    </Notice>
  );
}

/** Dt/dd of an optional fact. */
function Fact(props: { term: string; id?: string; value: string | null | undefined }) {
  if (!props.value) return null;
  return (
    <>
      <dt>{props.term}</dt>
      <dd id={props.id}>{props.value}</dd>
    </>
  );
}

function Summary({ ctx, data, applicantName }: Shown & { applicantName: ApplicantName }) {
  const { view } = data;
  const locale = ctx.locale;
  const step = view.currentStep;
  const indicator = view.isSuspended
    ? 'suspended'
    : view.isOverdue || step?.isOverdue
      ? 'overdue'
      : undefined;
  return (
    <dl class="facts" id="summary">
      <dt>{bo.status[locale]}</dt>
      <dd id="status">{view.statusLabel[locale]}</dd>
      <dt>{bo.channel[locale]}</dt>
      <dd>{channelLabels[view.channel][locale]}</dd>
      <dt>{bo.submittedAt[locale]}</dt>
      <dd>
        <DueTime at={view.submittedAt} timeZone={data.timeZone} />
      </dd>
      <ApplicantNameFact ctx={ctx} name={applicantName} />
      <dt>{bo.applicant[locale]}</dt>
      <dd id="applicant-iin">{view.applicantIin}</dd>
      <Fact term={bo.representative[locale]} value={view.representativeIin} />
      <dt>{bo.due[locale]}</dt>
      <dd>
        <DueTime at={view.dueAt} class="total-due" timeZone={data.timeZone} />{' '}
        {indicator ? <IndicatorTag indicator={indicator} locale={locale} /> : null}
      </dd>
      {data.signedRequest ? (
        <>
          <dt>{signedRequestLabel[locale]}</dt>
          <dd id="signed-request">
            {data.signedRequest.signerName}
            {data.signedRequest.signerIin ? ` (${data.signedRequest.signerIin})` : ''},{' '}
            <DueTime at={data.signedRequest.signedAt} />
          </dd>
        </>
      ) : null}
      <Fact
        term={bo.executor[locale]}
        id="executor"
        value={data.executorName && staffNameIn(data.executorName, locale)}
      />
    </dl>
  );
}

function CurrentStep({ ctx, data }: Shown) {
  const locale = ctx.locale;
  const step = data.view.currentStep;
  if (!step) return null;
  const stepTitle = inLocale(step.description, locale);
  return (
    <section aria-labelledby="step-title">
      <h2 id="step-title">{bo.currentStep[locale]}</h2>
      <dl class="facts">
        <dt>{bo.step[locale]}</dt>
        <dd id="current-step">
          {step.position}/{step.stepCount} · {stepTitle} ({actorLabels[step.actor][locale]})
        </dd>
        <dt>{bo.stepDue[locale]}</dt>
        <dd>
          <DueTime at={step.dueAt} class="step-due" timeZone={data.timeZone} />{' '}
          {step.isOverdue ? <IndicatorTag indicator="overdue" locale={locale} /> : null}
        </dd>
      </dl>
    </section>
  );
}

function Attachments({ ctx, data }: Shown) {
  const locale = ctx.locale;
  if (data.attachments.length === 0) return <p>{bo.none[locale]}</p>;
  return (
    <ul id="attachments">
      {data.attachments.map((attachment) => (
        <li data-sha256={attachment.sha256}>
          {attachment.upload ? (
            <a
              href={`/back-office/applications/${data.view.id}/uploads/${attachment.upload.id}`}
              download={attachment.name}
            >
              {attachment.name}
            </a>
          ) : (
            attachment.name
          )}{' '}
          (
          {data.documentTitles[attachment.kind]
            ? inLocale(data.documentTitles[attachment.kind]!, locale)
            : bo.otherDocument[locale]}
          {attachment.upload
            ? `, ${attachment.upload.mediaType}, ${Math.ceil(attachment.upload.sizeBytes / 1024)} KB`
            : ''}
          ) <span class="visually-hidden">SHA-256</span>
          <code class="sha256">{attachment.sha256}</code>
        </li>
      ))}
    </ul>
  );
}

function RegistryAnswers({ ctx, data }: Shown) {
  const locale = ctx.locale;
  return (
    <>
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
                {formatDateTime(call.at, locale, data.timeZone)} ·{' '}
                {bo.registrySystems[call.system as keyof typeof bo.registrySystems]?.[locale] ??
                  '—'}{' '}
                ·{' '}
                {bo.registryOutcomes[call.outcome as keyof typeof bo.registryOutcomes]?.[locale] ??
                  '—'}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function ApplicantData({ ctx, data }: Shown) {
  const locale = ctx.locale;
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{bo.applicantData[locale]}</h2>
      {Object.keys(data.fields).length === 0 ? (
        <p>{bo.none[locale]}</p>
      ) : (
        <dl class="facts">
          {Object.entries(data.fields).map(([key, value]) => (
            <>
              <dt>{data.fieldLabels[key] ? inLocale(data.fieldLabels[key], locale) : key}</dt>
              <dd>
                {data.choiceLabels[key]?.[value]
                  ? inLocale(data.choiceLabels[key][value], locale)
                  : value}
              </dd>
            </>
          ))}
        </dl>
      )}
      <h3>{bo.attachments[locale]}</h3>
      <Attachments ctx={ctx} data={data} />
      <RegistryAnswers ctx={ctx} data={data} />
    </section>
  );
}

function DocumentsAndHistory({ ctx, data }: Shown) {
  const locale = ctx.locale;
  return (
    <>
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
                <a href={`/documents/${document.id}/print`}>{printTexts.print[locale]}</a> ·{' '}
                {formatDateTime(document.signedAt, locale, data.timeZone)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{bo.history[locale]}</h2>
        <ol id="history">
          {data.view.history.map((entry) => (
            <li>
              <DueTime at={entry.at} timeZone={data.timeZone} /> — {entry.statusLabel[locale]}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/**
 * /back-office/applications/:id: one application as the provider's staff work on it, with the
 * actions allowed to this user; each action's form posts to `actions/:action`.
 */
export const applicationPage = definePage({
  path: '/back-office/applications/:id',
  guard: (c) => requireStaff(c, backOfficeRoles),
  load: async (c, user) => {
    const deps = c.get('deps');
    const application = await getBackOfficeApplication(
      deps.applications,
      user.principal,
      c.req.param('id')!,
      deps.registries.persons,
    );
    return {
      application,
      // Asked only once the application was found readable by this staff member.
      applicantName: await findApplicantName(deps.registries, application),
      ncaLayerUrl: deps.config.pki.ncalayerUrl,
      done: c.req.method === 'GET' && c.req.query('done') === '1',
    };
  },
  View: ({
    ctx: requested,
    data: { application: data, applicantName, ncaLayerUrl, done },
    form,
  }) => {
    const ctx = { ...requested, path: `/back-office/applications/${data.view.id}` };
    const locale = ctx.locale;
    const step = data.view.currentStep;
    const title = `${bo.applicationTitle[locale]} ${data.view.number}`;
    // The applicant's name beside the service (issue 18, point 7).
    const lead =
      applicantName.status === 'found'
        ? `${inLocale(data.view.serviceName, locale)} — ${applicantName.name[locale]}`
        : inLocale(data.view.serviceName, locale);
    const state = form.form
      ? { action: form.form, values: { ...form.values, ...form.lists }, errors: form.errors }
      : undefined;
    return (
      <Page ctx={ctx} title={title} nav={backOfficeNav} scripts={[ncaLayerScript]}>
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        <ErrorSummary ctx={ctx} errors={form.errors} />
        <ConflictNotice ctx={ctx} conflict={form.conflict} />
        {done ? (
          <Notice tone="ok" role="status">
            <p>{bo.done[locale]}</p>
          </Notice>
        ) : null}
        {data.returned ? (
          <Notice tone="warn" role="status">
            <h2 id="returned-title">{bo.returnedTitle[locale]}</h2>
            <p>
              {staffNameIn(data.returned.byName, locale)},{' '}
              <DueTime at={data.returned.at} timeZone={data.timeZone} />
            </p>
            <blockquote id="returned-comment">{data.returned.comment}</blockquote>
          </Notice>
        ) : null}
        <Summary ctx={ctx} data={data} applicantName={applicantName} />
        <CurrentStep ctx={ctx} data={data} />
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">{bo.actions[locale]}</h2>
          <ActionForms
            ctx={ctx}
            data={data}
            state={state}
            newKey={() => randomUUID()}
            ncaLayerUrl={ncaLayerUrl}
            stepTitle={step ? inLocale(step.description, locale) : ''}
          />
        </section>
        <ApplicantData ctx={ctx} data={data} />
        <DocumentsAndHistory ctx={ctx} data={data} />
      </Page>
    );
  },
  actions: { 'actions/:action': runApplicationAction },
});
