import type { Hono } from 'hono';
import { finalStatuses } from '../../../domain/application/ApplicationStatus.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import { listDocumentsOfApplication } from '../../../features/documents/get-document.js';
import { indicatorFor } from '../../../features/front-office/deadline-indicator.js';
import {
  findElectronicRequest,
  type ElectronicRequestView,
} from '../../../features/front-office/electronic-request.js';
import { organisationToday } from '../../../features/front-office/front-office-context.js';
import { signElectronicRequest } from '../../../features/front-office/sign-electronic-request.js';
import {
  issueStoredResult,
  requestHandedBackResult,
} from '../../../features/front-office/issue-stored-result.js';
import {
  getApplicationView,
  type ApplicationView,
} from '../../../features/queries/get-application-view.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { errorTable } from '../../error-table.js';
import { documentSigningContext } from '../../signing-context.js';
import { nameIn } from '../messages.js';
import { ncaLayerScript } from '../ncalayer.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebContext, WebEnv } from '../web-env.js';
import { DeadlineTag, Due, FoPage, formField, frontOfficeRoles, staffOf } from './components.js';
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

/** The electronic request on the page, and whether this user may sign it now. */
interface RequestPart {
  view: ElectronicRequestView;
  regulation: Parameters<typeof RequestSection>[0]['regulation'];
  canSign: boolean;
  ncaLayerUrl: string;
  error: string | undefined;
}

interface IssueForm {
  documentType: string;
  documentNumber: string;
  errors: FormError[];
}

function ApplicationPage(props: {
  ctx: PageContext;
  view: ApplicationView;
  documents: Awaited<ReturnType<typeof listDocumentsOfApplication>>;
  indicator: ReturnType<typeof indicatorFor>;
  taken: string | undefined;
  issue: IssueForm;
  request: RequestPart | undefined;
}) {
  const { ctx, view, issue } = props;
  const locale: Locale = ctx.locale;
  const step = view.currentStep;
  const canIssue =
    step?.action === 'issue_result' &&
    step.actor === 'front_office_operator' &&
    ctx.user?.kind === 'staff' &&
    ctx.user.roles.includes(StaffRole.frontOfficeOperator);
  const errorOf = (field: string) => issue.errors.find((error) => error.field === field)?.message;
  const title = `${fo.application[locale]} ${view.number}`;
  return (
    <FoPage ctx={ctx} title={title} scripts={props.request?.canSign ? [ncaLayerScript] : []}>
      <h1>{title}</h1>
      <ErrorSummary
        ctx={ctx}
        errors={
          props.request?.error
            ? [...issue.errors, { field: 'request-sign-status', message: props.request.error }]
            : issue.errors
        }
      />
      {props.taken === 'accepted' ? (
        <Notice tone="ok" role="status">
          <p>{fo.accepted[locale]}</p>
        </Notice>
      ) : props.taken === 'refused_at_intake' ? (
        <Notice tone="warn" role="status">
          <p>{fo.refusedAtIntake[locale]}</p>
        </Notice>
      ) : props.taken === 'signed' ? (
        <Notice tone="ok" role="status">
          <p>{foRequest.signedNotice[locale]}</p>
        </Notice>
      ) : props.taken === 'issued' ? (
        <Notice tone="ok" role="status">
          <p>{fo.issued[locale]}</p>
        </Notice>
      ) : null}
      <dl class="facts">
        <dt>{fo.service[locale]}</dt>
        <dd>{nameIn(view.serviceName, locale)}</dd>
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
          <Due at={new Date(view.submittedAt)} />
        </dd>
        {step ? (
          <>
            <dt>{fo.currentStep[locale]}</dt>
            <dd id="current-step">{nameIn(step.description, locale)}</dd>
            <dt>{fo.stepDue[locale]}</dt>
            <dd id="step-due">
              <Due at={step.dueAt ? new Date(step.dueAt) : null} />
            </dd>
          </>
        ) : null}
        <dt>{fo.totalDue[locale]}</dt>
        <dd>
          <span id="total-due">
            <Due at={new Date(view.dueAt)} />
          </span>{' '}
          <DeadlineTag indicator={props.indicator} locale={locale} />
        </dd>
      </dl>
      <section>
        <h2>{fo.documents[locale]}</h2>
        {props.documents.length === 0 ? (
          <p>{fo.nothing[locale]}</p>
        ) : (
          <ul>
            {props.documents.map((document) => (
              <li>
                <a href={`/documents/${document.id}.pdf`} data-kind={document.kind}>
                  {documentKindText[document.kind]?.[locale] ??
                    (locale === 'kk' ? document.title.kk : document.title.ru)}{' '}
                  {document.number}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {props.request ? (
        <RequestSection
          ctx={ctx}
          request={props.request.view}
          regulation={props.request.regulation}
          canSign={props.request.canSign}
          ncaLayerUrl={props.request.ncaLayerUrl}
          error={props.request.error}
        />
      ) : null}
      {canIssue ? (
        <section>
          <h2>{fo.issueResult[locale]}</h2>
          <form method="post" action={`/front-office/applications/${view.id}/issue`} novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(view.version)} />
            <fieldset class="field" id="documentType" tabindex={-1}>
              <legend>{fo.collectorDocument[locale]}</legend>
              {(
                [
                  ['identity_card', fo.identityCard],
                  ['passport', fo.passport],
                  ['power_of_attorney', fo.powerOfAttorney],
                ] as const
              ).map(([value, label]) => (
                <div class="choice">
                  <input
                    type="radio"
                    id={`documentType-${value}`}
                    name="documentType"
                    value={value}
                    checked={(issue.documentType || 'identity_card') === value}
                  />
                  <label for={`documentType-${value}`}>{label[locale]}</label>
                </div>
              ))}
            </fieldset>
            <TextField
              id="documentNumber"
              label={fo.documentNumber[locale]}
              value={issue.documentNumber}
              maxlength={50}
              required
              error={errorOf('documentNumber')}
            />
            <div class="actions">
              <button type="submit">{fo.issueResult[locale]}</button>
            </div>
          </form>
        </section>
      ) : null}
      <section>
        <h2>{fo.history[locale]}</h2>
        <ol>
          {view.history.map((entry) => (
            <li>
              <Due at={new Date(entry.at)} /> — {entry.statusLabel[locale]}
            </li>
          ))}
        </ol>
      </section>
    </FoPage>
  );
}

/** The application pages of the front office: view, issue, request a handed-back result. */
export function mountApplicationPage(routes: Hono<WebEnv>): void {
  const show = async (
    c: WebContext,
    id: string,
    issue: IssueForm,
    status: 200 | 409 | 422 = 200,
    requestError?: string,
  ) => {
    const user = await requireStaff(c, frontOfficeRoles);
    const deps = c.get('deps');
    const services = deps.applications;
    const view = await getApplicationView(services, user.principal, id);
    const request = await findElectronicRequest(services, user.principal, view.id);
    const documents = await listDocumentsOfApplication(services.db, view.id);
    const { time, now } = await organisationToday(services, user.principal.organisationId);
    const isOpen = view.currentStep !== null && !finalStatuses.has(view.status);
    const indicator = view.isSuspended
      ? ('suspended' as const)
      : indicatorFor(time, now, isOpen ? new Date(view.dueAt) : null, new Date(view.submittedAt));
    return render(
      c,
      <ApplicationPage
        ctx={await pageContext(c)}
        view={view}
        documents={documents}
        indicator={indicator}
        taken={c.req.query('taken')}
        issue={issue}
        request={
          request
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
                error: requestError,
              }
            : undefined
        }
      />,
      status,
    );
  };

  routes.get('/front-office/applications/:id{[0-9a-fA-F-]{36}}', (c) =>
    show(c, c.req.param('id'), { documentType: '', documentNumber: '', errors: [] }),
  );

  routes.post('/front-office/applications/:id{[0-9a-fA-F-]{36}}/issue', async (c) => {
    const user = await requireStaff(c, [StaffRole.frontOfficeOperator]);
    const locale = c.get('locale');
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const issue: IssueForm = {
      documentType: formField(form, 'documentType'),
      documentNumber: formField(form, 'documentNumber').trim(),
      errors: [],
    };
    if (!['identity_card', 'passport', 'power_of_attorney'].includes(issue.documentType))
      issue.errors.push({ field: 'documentType', message: fo.errChoose[locale] });
    if (issue.documentNumber.length < 3)
      issue.errors.push({ field: 'documentNumber', message: fo.errRequired[locale] });
    if (issue.errors.length > 0) return show(c, id, issue, 422);
    try {
      await issueStoredResult(c.get('deps').applications, staffOf(user), {
        applicationId: id,
        expectedVersion: Number(formField(form, 'version')) || 1,
        documentType: issue.documentType as 'identity_card',
        documentNumber: issue.documentNumber,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        issue.errors.push({ field: 'documentNumber', message: fo.errField[locale] });
        return show(c, id, issue, 422);
      }
      throw error;
    }
    return c.redirect(`/front-office/applications/${id}?taken=issued`, 303);
  });

  // The operator's ЭЦП over the electronic request (NCALayer fills `cms`).
  routes.post('/front-office/applications/:id{[0-9a-fA-F-]{36}}/request/sign', async (c) => {
    const user = await requireStaff(c, [StaffRole.frontOfficeOperator]);
    const locale = c.get('locale');
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const noIssue: IssueForm = { documentType: '', documentNumber: '', errors: [] };
    const cms = formField(form, 'cms').trim();
    if (!cms) return show(c, id, noIssue, 422, foRequest.cmsRequired[locale]);
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
        const message =
          `${errorTable.signature_not_confirmed.message[locale]} ${reason?.[locale] ?? ''}`.trim();
        return show(c, id, noIssue, 422, message);
      }
      if (error.code === ErrorCode.validationFailed)
        return show(c, id, noIssue, 422, foRequest.cmsRequired[locale]);
      if (error.code === ErrorCode.conflict)
        return show(c, id, noIssue, 409, foRequest.alreadySigned[locale]);
      throw error;
    }
    return c.redirect(`/front-office/applications/${id}?taken=signed`, 303);
  });

  routes.post('/front-office/applications/:id{[0-9a-fA-F-]{36}}/request-result', async (c) => {
    const user = await requireStaff(c, [StaffRole.frontOfficeOperator]);
    await requestHandedBackResult(c.get('deps').applications, staffOf(user), c.req.param('id'));
    return c.redirect('/front-office', 303);
  });
}
