import { finalStatuses } from '../../../domain/application/ApplicationStatus.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import { listDocumentsOfApplication } from '../../../features/documents/get-document.js';
import { printTexts } from '../document-print-page.js';
import { indicatorFor } from '../../../features/deadlines/deadline-indicator.js';
import { findElectronicRequest } from '../../../features/front-office/electronic-request.js';
import { organisationToday } from '../../../features/front-office/front-office-context.js';
import { signElectronicRequest } from '../../../features/front-office/sign-electronic-request.js';
import {
  issueStoredResult,
  requestHandedBackResult,
} from '../../../features/front-office/issue-stored-result.js';
import {
  getApplicationView,
  type ApplicationView,
} from '../../../features/applications/get-application-view.js';
import { CsrfField, ErrorSummary, Notice, TextField, type PageContext } from '../layout.js';
import { errorTable } from '../../error-table.js';
import { documentSigningContext } from '../../signing-context.js';
import { ncaLayerScript } from '../ncalayer.js';
import { DueTime, NameIn } from '../components.js';
import { errorOf, readForm } from '../form.js';
import { definePage, refuse, type FormState, type Refusal } from '../page.js';
import { requireStaff } from '../page-context.js';
import type { WebContext } from '../web-env.js';
import { DeadlineTag, FoPage, frontOfficeRoles, staffOf } from './components.js';
import { RequestSection } from './request-section.js';
import { foRequest } from './request-texts.js';
import { fo } from './texts.js';

const documentKindText: Record<string, { kk: string; ru: string; en: string }> = {
  receipt: fo.receipt,
  refusal_receipt: {
    kk: 'Бас тарту туралы қолхат (PDF)',
    ru: 'Расписка об отказе (PDF)',
    en: 'Refusal receipt (PDF)',
  },
};

const path = '/front-office/applications/:id{[0-9a-fA-F-]{36}}';

/** The field the request's signing status and its refusals are shown on. */
const signStatus = 'request-sign-status';

type Operator = Awaited<ReturnType<typeof requireStaff>>;

/** What the page shows of one application to the front office. */
async function loadApplication(c: WebContext, user: Operator) {
  const deps = c.get('deps');
  const services = deps.applications;
  const view = await getApplicationView(services, user.principal, c.req.param('id')!);
  const request = await findElectronicRequest(services, user.principal, view.id);
  const documents = await listDocumentsOfApplication(services.db, view.id);
  const { time, now } = await organisationToday(services, user.principal.organisationId);
  const isOpen = view.currentStep !== null && !finalStatuses.has(view.status);
  // A finished application (issued, refused — at intake too) has no deadline left to keep: no
  // tag at all, rather than "no deadline" (issue 18, point 11).
  const indicator = view.isSuspended
    ? ('suspended' as const)
    : isOpen
      ? indicatorFor(time, now, new Date(view.dueAt), new Date(view.submittedAt))
      : undefined;
  return {
    view,
    documents,
    indicator,
    taken: c.req.query('taken'),
    request: request
      ? {
          view: request,
          regulation: services.regulations.all.find(
            (regulation) => regulation.id === request.content.regulationId,
          ),
          canSign:
            !request.signed &&
            user.roles.includes(StaffRole.frontOfficeOperator) &&
            user.principal.organisationId === request.content.frontOffice.id,
          ncaLayerUrl: deps.config.pki.ncalayerUrl,
        }
      : undefined,
  };
}

type Shown = Awaited<ReturnType<typeof loadApplication>>;

const takenNotices = {
  accepted: { tone: 'ok', text: fo.accepted },
  refused_at_intake: { tone: 'warn', text: fo.refusedAtIntake },
  signed: { tone: 'ok', text: foRequest.signedNotice },
  issued: { tone: 'ok', text: fo.issued },
} as const;

function TakenNotice(props: { locale: Locale; taken: string | undefined }) {
  const taken = props.taken ?? '';
  const notice = Object.hasOwn(takenNotices, taken)
    ? takenNotices[taken as keyof typeof takenNotices]
    : undefined;
  if (!notice) return null;
  return (
    <Notice tone={notice.tone} role="status">
      <p>{notice.text[props.locale]}</p>
    </Notice>
  );
}

function Facts(props: { locale: Locale; data: Shown }) {
  const { locale } = props;
  const { view } = props.data;
  const step = view.currentStep;
  return (
    <dl class="facts">
      <dt>{fo.service[locale]}</dt>
      <dd>
        <NameIn name={view.serviceName} locale={locale} />
      </dd>
      <dt>{fo.status[locale]}</dt>
      <dd id="status">{view.statusLabel[locale]}</dd>
      <dt>{fo.applicant[locale]}</dt>
      <dd>{view.applicantIin}</dd>
      {view.representativeIin ? (
        <>
          <dt>{fo.representedBy[locale]}</dt>
          <dd>{view.representativeIin}</dd>
        </>
      ) : null}
      <dt>{fo.submittedAt[locale]}</dt>
      <dd>
        <DueTime at={view.submittedAt} />
      </dd>
      {step ? (
        <>
          <dt>{fo.currentStep[locale]}</dt>
          <dd id="current-step">
            <NameIn name={step.description} locale={locale} />
          </dd>
          <dt>{fo.stepDue[locale]}</dt>
          <dd id="step-due">
            <DueTime at={step.dueAt} />
          </dd>
        </>
      ) : null}
      <dt>{fo.totalDue[locale]}</dt>
      <dd>
        <span id="total-due">
          <DueTime at={view.dueAt} />
        </span>{' '}
        {props.data.indicator ? (
          <DeadlineTag indicator={props.data.indicator} locale={locale} />
        ) : null}
      </dd>
    </dl>
  );
}

function Documents(props: { locale: Locale; data: Shown }) {
  const { locale } = props;
  return (
    <section>
      <h2>{fo.documents[locale]}</h2>
      {props.data.documents.length === 0 ? (
        <p>{fo.nothing[locale]}</p>
      ) : (
        <ul>
          {props.data.documents.map((document) => (
            <li>
              <a href={`/documents/${document.id}.pdf`} data-kind={document.kind}>
                {documentKindText[document.kind]?.[locale] ?? (
                  <NameIn name={document.title} locale={locale} />
                )}{' '}
                {document.number}
              </a>{' '}
              ·{' '}
              <a href={`/documents/${document.id}/print`} class="print" data-kind={document.kind}>
                {printTexts.print[locale]}
                <span class="visually-hidden"> {document.number}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const collectorDocuments = [
  ['identity_card', fo.identityCard],
  ['passport', fo.passport],
  ['power_of_attorney', fo.powerOfAttorney],
] as const;

/** The operator's issue of a stored result to the collector, against their document. */
function IssueForm(props: { ctx: PageContext; data: Shown; form: FormState }) {
  const { ctx, form } = props;
  const locale = ctx.locale;
  const { view } = props.data;
  const documentType = form.values.documentType ?? '';
  return (
    <section>
      <h2>{fo.issueResult[locale]}</h2>
      <form method="post" action={`/front-office/applications/${view.id}/issue`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="version" value={String(view.version)} />
        <fieldset class="field" id="documentType" tabindex={-1}>
          <legend>{fo.collectorDocument[locale]}</legend>
          {collectorDocuments.map(([value, label]) => (
            <div class="choice">
              <input
                type="radio"
                id={`documentType-${value}`}
                name="documentType"
                value={value}
                checked={(documentType || 'identity_card') === value}
              />
              <label for={`documentType-${value}`}>{label[locale]}</label>
            </div>
          ))}
        </fieldset>
        <TextField
          id="documentNumber"
          label={fo.documentNumber[locale]}
          value={form.values.documentNumber ?? ''}
          maxlength={50}
          required
          error={errorOf(form.errors, 'documentNumber')}
        />
        <div class="actions">
          <button type="submit">{fo.issueResult[locale]}</button>
        </div>
      </form>
    </section>
  );
}

function ApplicationView(props: { ctx: PageContext; data: Shown; form: FormState }) {
  const { ctx, data, form } = props;
  const { view, request } = data;
  const locale: Locale = ctx.locale;
  const step = view.currentStep;
  const canIssue =
    step?.action === 'issue_result' &&
    step.actor === 'front_office_operator' &&
    ctx.user?.kind === 'staff' &&
    ctx.user.roles.includes(StaffRole.frontOfficeOperator);
  const requestError = request ? errorOf(form.errors, signStatus) : undefined;
  const title = `${fo.application[locale]} ${view.number}`;
  return (
    <FoPage ctx={ctx} title={title} scripts={request?.canSign ? [ncaLayerScript] : []}>
      <h1>{title}</h1>
      <ErrorSummary
        ctx={ctx}
        errors={request ? form.errors : form.errors.filter((error) => error.field !== signStatus)}
      />
      <TakenNotice locale={locale} taken={data.taken} />
      <Facts locale={locale} data={data} />
      <Documents locale={locale} data={data} />
      {request ? (
        <RequestSection
          ctx={ctx}
          request={request.view}
          regulation={request.regulation}
          canSign={request.canSign}
          ncaLayerUrl={request.ncaLayerUrl}
          error={requestError}
        />
      ) : null}
      {canIssue ? <IssueForm ctx={ctx} data={data} form={form} /> : null}
      <section>
        <h2>{fo.history[locale]}</h2>
        <ol>
          {view.history.map((entry) => (
            <li>
              <DueTime at={entry.at} /> — {entry.statusLabel[locale]}
            </li>
          ))}
        </ol>
      </section>
    </FoPage>
  );
}

const requireOperator = (c: WebContext) => requireStaff(c, [StaffRole.frontOfficeOperator]);

/** POST issue: the stored result handed to the collector (their document checked). */
async function issue(c: WebContext): Promise<Response | Refusal> {
  const user = await requireOperator(c);
  const locale = c.get('locale');
  const id = c.req.param('id')!;
  const posted = await readForm(c);
  const values = {
    documentType: posted.field('documentType'),
    documentNumber: posted.field('documentNumber').trim(),
  };
  const errors = [];
  if (!['identity_card', 'passport', 'power_of_attorney'].includes(values.documentType))
    errors.push({ field: 'documentType', message: fo.errChoose[locale] });
  if (values.documentNumber.length < 3)
    errors.push({ field: 'documentNumber', message: fo.errRequired[locale] });
  if (errors.length > 0) return refuse(values, errors);
  try {
    await issueStoredResult(c.get('deps').applications, staffOf(user), {
      applicationId: id,
      expectedVersion: Number(posted.field('version')) || 1,
      documentType: values.documentType as 'identity_card',
      documentNumber: values.documentNumber,
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation_failed')
      return refuse(values, [{ field: 'documentNumber', message: fo.errField[locale] }]);
    throw error;
  }
  return c.redirect(`/front-office/applications/${id}?taken=issued`, 303);
}

/** POST request/sign: the operator's ЭЦП over the electronic request (NCALayer fills `cms`). */
async function signRequest(c: WebContext): Promise<Response | Refusal> {
  const user = await requireOperator(c);
  const locale = c.get('locale');
  const id = c.req.param('id')!;
  const cms = (await readForm(c)).field('cms').trim();
  const refused = (message: string, status: 409 | 422 = 422) =>
    refuse({}, [{ field: signStatus, message }], status);
  if (!cms) return refused(foRequest.cmsRequired[locale]);
  try {
    await signElectronicRequest(
      c.get('deps').applications,
      documentSigningContext(c),
      user.principal,
      { idempotencyKey: `fo-sign:${id}:${user.principal.staffId}`, applicationId: id, cms },
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === ErrorCode.signatureNotConfirmed) {
      const reason = error.details.reasonMessage as Record<Locale, string> | undefined;
      const message = `${errorTable.signature_not_confirmed.message[locale]} ${reason?.[locale] ?? ''}`;
      return refused(message.trim());
    }
    if (error.code === ErrorCode.validationFailed) return refused(foRequest.cmsRequired[locale]);
    if (error.code === ErrorCode.conflict) return refused(foRequest.alreadySigned[locale], 409);
    throw error;
  }
  return c.redirect(`/front-office/applications/${id}?taken=signed`, 303);
}

/**
 * /front-office/applications/:id: one application for the front office, with the electronic
 * request, the issue of a stored result, and the request for a handed-back result.
 */
export const frontOfficeApplicationPage = definePage({
  path,
  guard: (c) => requireStaff(c, frontOfficeRoles),
  load: loadApplication,
  View: ApplicationView,
  actions: {
    issue,
    'request/sign': signRequest,
    'request-result': async (c) => {
      const user = await requireOperator(c);
      const services = c.get('deps').applications;
      await requestHandedBackResult(services, staffOf(user), c.req.param('id')!);
      return c.redirect('/front-office', 303);
    },
  },
});
