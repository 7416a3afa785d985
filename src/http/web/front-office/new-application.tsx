import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import {
  DocumentCheck,
  listIntakeServices,
  type IntakeService,
} from '../../../features/front-office/intake-catalog.js';
import { personName, takeApplication } from '../../../features/front-office/take-application.js';
import {
  identifyApplicant,
  type ApplicantIdentification,
} from '../../../features/identity/identify-applicant.js';
import { errorTable } from '../../error-table.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebContext, WebEnv } from '../web-env.js';
import { kazakhstanDay } from '../../../domain/calendar/kazakhstan-day.js';
import { chosenAsOf, portalServices } from '../portal/as-of.js';
import { IntakeAsOfChooser } from './as-of-chooser.js';
import { FoPage, formField, frontOfficeContext, registryGatewayOf, staffOf } from './components.js';
import { Checklist, RegulationFields, ServiceSelect, type IntakeForm } from './intake-fields.js';
import { fo } from './texts.js';

const emptyForm = (): IntakeForm => ({
  formKey: randomUUID(),
  choice: '',
  applicantIin: '',
  representativeIin: '',
  powerOfAttorneyNumber: '',
  applicantPhone: '',
  fields: {},
  checks: {},
  consentGiven: false,
  requestSigned: false,
});

function readForm(form: Record<string, unknown>): IntakeForm {
  const fields: Record<string, string> = {};
  const checks: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    if (typeof value !== 'string') continue;
    if (name.startsWith('field-')) fields[name.slice('field-'.length)] = value.trim();
    if (name.startsWith('check-')) checks[name.slice('check-'.length)] = value;
  }
  const key = formField(form, 'formKey');
  return {
    formKey: /^[A-Za-z0-9-]{8,64}$/.test(key) ? key : randomUUID(),
    choice: formField(form, 'choice'),
    applicantIin: formField(form, 'applicantIin').trim(),
    representativeIin: formField(form, 'representativeIin').trim(),
    powerOfAttorneyNumber: formField(form, 'powerOfAttorneyNumber').trim(),
    applicantPhone: formField(form, 'applicantPhone').trim(),
    fields,
    checks,
    consentGiven: formField(form, 'consentGiven') === 'yes',
    requestSigned: formField(form, 'requestSigned') === 'yes',
  };
}

type Identified = ApplicantIdentification & { status: 'identified' };

function IntakePage(props: {
  ctx: PageContext;
  catalog: readonly IntakeService[];
  form: IntakeForm;
  errors: FormError[];
  identified?: Identified;
  /** Sandbox only: the "as of" day chosen (undefined: today) and today. */
  asOf?: { day: string | undefined; today: string };
}) {
  const { ctx, form, identified } = props;
  const { locale } = ctx;
  const errorOf = (field: string) => props.errors.find((error) => error.field === field)?.message;
  const [serviceCode] = form.choice.split('|');
  const entry = props.catalog.find((candidate) => candidate.regulation.service === serviceCode);
  const title = fo.newApplication[locale];
  return (
    <FoPage ctx={ctx} title={title} current="/front-office/applications/new">
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      {props.asOf ? (
        <IntakeAsOfChooser ctx={ctx} asOf={props.asOf.day} today={props.asOf.today} />
      ) : null}
      <form method="post" action="/front-office/applications/new" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="formKey" value={form.formKey} />
        <h2>{fo.identifyTitle[locale]}</h2>
        <ServiceSelect
          catalog={props.catalog}
          value={form.choice}
          locale={locale}
          error={errorOf('choice')}
        />
        <TextField
          id="applicantIin"
          label={fo.applicantIin[locale]}
          value={form.applicantIin}
          inputmode="numeric"
          maxlength={12}
          required
          error={errorOf('applicantIin')}
        />
        <TextField
          id="representativeIin"
          label={fo.representativeIin[locale]}
          hint={fo.representativeHint[locale]}
          value={form.representativeIin}
          inputmode="numeric"
          maxlength={12}
          error={errorOf('representativeIin')}
        />
        <TextField
          id="powerOfAttorneyNumber"
          label={fo.powerOfAttorneyNumber[locale]}
          value={form.powerOfAttorneyNumber}
          maxlength={64}
          error={errorOf('powerOfAttorneyNumber')}
        />
        {identified && entry ? (
          <>
            <Notice tone="ok" role="status">
              <p>
                <strong>{fo.identified[locale]}:</strong>{' '}
                <span id="applicant-name">{personName(identified.applicant)}</span>
              </p>
              {identified.representative ? (
                <p>
                  {fo.representedBy[locale]}:{' '}
                  <span id="representative-name">
                    {personName(identified.representative.person)}
                  </span>
                  . {fo.powerOfAttorneyValid[locale]}{' '}
                  {identified.representative.powerOfAttorney.validUntil
                    .split('-')
                    .reverse()
                    .join('.')}
                </p>
              ) : null}
            </Notice>
            <TextField
              id="applicantPhone"
              type="tel"
              label={fo.applicantPhone[locale]}
              value={form.applicantPhone}
              maxlength={20}
              autocomplete="off"
              error={errorOf('applicantPhone')}
            />
            <RegulationFields
              regulation={entry.regulation}
              form={form}
              locale={locale}
              errorOf={errorOf}
            />
            <Checklist
              regulation={entry.regulation}
              form={form}
              locale={locale}
              errorOf={errorOf}
            />
            <div class={errorOf('consentGiven') ? 'field invalid' : 'field'}>
              {errorOf('consentGiven') ? (
                <span class="error" id="consentGiven-error">
                  {errorOf('consentGiven')}
                </span>
              ) : null}
              <div class="choice">
                <input
                  type="checkbox"
                  id="consentGiven"
                  name="consentGiven"
                  value="yes"
                  checked={form.consentGiven}
                />
                <label for="consentGiven">{fo.consent[locale]}</label>
              </div>
            </div>
            <div class={errorOf('requestSigned') ? 'field invalid' : 'field'}>
              {errorOf('requestSigned') ? (
                <span class="error" id="requestSigned-error">
                  {errorOf('requestSigned')}
                </span>
              ) : null}
              <div class="choice">
                <input
                  type="checkbox"
                  id="requestSigned"
                  name="requestSigned"
                  value="yes"
                  checked={form.requestSigned}
                />
                <label for="requestSigned">{fo.requestSigned[locale]}</label>
              </div>
              <span class="hint">{fo.signNote[locale]}</span>
            </div>
            <div class="actions">
              <button type="submit" name="action" value="accept">
                {fo.accept[locale]}
              </button>
              <button type="submit" name="action" value="identify" class="secondary">
                {fo.identify[locale]}
              </button>
            </div>
          </>
        ) : (
          <div class="actions">
            <button type="submit" name="action" value="identify">
              {fo.identify[locale]}
            </button>
          </div>
        )}
      </form>
    </FoPage>
  );
}

/** Field errors of the step-1 part of the form (before any registry call). */
function basicErrors(
  form: IntakeForm,
  catalog: readonly IntakeService[],
  locale: Locale,
): FormError[] {
  const errors: FormError[] = [];
  const [code, provider] = form.choice.split('|');
  const entry = catalog.find((candidate) => candidate.regulation.service === code);
  if (!entry || !entry.providers.some((candidate) => candidate.id === provider))
    errors.push({ field: 'choice', message: fo.errChoose[locale] });
  if (!/^\d{12}$/.test(form.applicantIin))
    errors.push({ field: 'applicantIin', message: fo.errIin[locale] });
  if (form.representativeIin && !/^\d{12}$/.test(form.representativeIin))
    errors.push({ field: 'representativeIin', message: fo.errIin[locale] });
  if (form.representativeIin && !form.powerOfAttorneyNumber)
    errors.push({ field: 'powerOfAttorneyNumber', message: fo.errRequired[locale] });
  return errors;
}

const issueMessages = (locale: Locale): Record<string, string> => ({
  consentGiven: fo.errConsent[locale],
  requestSigned: fo.errSign[locale],
});

function errorsOfIssues(error: DomainError, locale: Locale): FormError[] {
  const issues = (error.details.issues ?? []) as { path: string; rule: string }[];
  return issues.map((issue) => {
    const field = issue.path.startsWith('fields.')
      ? `field-${issue.path.slice('fields.'.length)}`
      : issue.path === 'serviceCode' || issue.path === 'providerOrganisationId'
        ? 'choice'
        : issue.path;
    return { field, message: issueMessages(locale)[field] ?? fo.errField[locale] };
  });
}

/** The sandbox's "as of" day of an intake request (docs/sandbox.md); undefined outside one. */
function intakeAsOf(c: WebContext) {
  const deps = c.get('deps');
  return deps.config.sandbox ? { day: chosenAsOf(c), today: kazakhstanDay(deps.now()) } : undefined;
}

/** GET/POST /front-office/applications/new: identify, check the package, accept or refuse. */
export function mountNewApplication(routes: Hono<WebEnv>): void {
  routes.get('/front-office/applications/new', async (c) => {
    const user = await requireStaff(c, [StaffRole.frontOfficeOperator]);
    const asOf = intakeAsOf(c);
    // In a sandbox, "as of" a chosen past day: the services, providers and submission of then.
    const catalog = await listIntakeServices(portalServices(c), user.principal.organisationId);
    return render(
      c,
      <IntakePage
        ctx={await pageContext(c)}
        catalog={catalog}
        form={emptyForm()}
        errors={[]}
        {...(asOf ? { asOf } : {})}
      />,
    );
  });

  routes.post('/front-office/applications/new', async (c: WebContext) => {
    const user = await requireStaff(c, [StaffRole.frontOfficeOperator]);
    const locale = c.get('locale');
    const services = portalServices(c);
    const asOf = intakeAsOf(c);
    const catalog = await listIntakeServices(services, user.principal.organisationId);
    const body = await c.req.parseBody();
    const form = readForm(body);
    const show = async (
      errors: FormError[],
      identified?: Identified,
      status: 200 | 422 | 503 = 422,
    ) =>
      render(
        c,
        <IntakePage
          ctx={await pageContext(c)}
          catalog={catalog}
          form={form}
          errors={errors}
          {...(identified ? { identified } : {})}
          {...(asOf ? { asOf } : {})}
        />,
        status,
      );
    const basic = basicErrors(form, catalog, locale);
    if (basic.length > 0) return show(basic);
    let identification: ApplicantIdentification;
    try {
      identification = await identifyApplicant(registryGatewayOf(c), {
        applicantIin: form.applicantIin,
        ...(form.representativeIin
          ? {
              representative: {
                iin: form.representativeIin,
                powerOfAttorneyNumber: form.powerOfAttorneyNumber,
              },
            }
          : {}),
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'registry_unavailable') {
        return show(
          [{ field: 'applicantIin', message: errorTable.registry_unavailable.message[locale] }],
          undefined,
          503,
        );
      }
      throw error;
    }
    if (identification.status === 'refused') {
      return show([{ field: identification.field, message: identification.message[locale] }]);
    }
    if (formField(body, 'action') !== 'accept') return show([], identification, 200);
    const [serviceCode, providerOrganisationId] = form.choice.split('|') as [string, string];
    try {
      const outcome = await takeApplication({ ...frontOfficeContext(c), services }, staffOf(user), {
        formKey: form.formKey,
        serviceCode,
        providerOrganisationId,
        applicantIin: form.applicantIin,
        ...(form.representativeIin
          ? {
              representativeIin: form.representativeIin,
              powerOfAttorneyNumber: form.powerOfAttorneyNumber,
            }
          : {}),
        ...(form.applicantPhone ? { applicantPhone: form.applicantPhone } : {}),
        fields: form.fields,
        checks: Object.fromEntries(
          Object.entries(form.checks).filter(([, value]) =>
            (Object.values(DocumentCheck) as string[]).includes(value),
          ),
        ) as Record<string, DocumentCheck>,
        consentGiven: form.consentGiven,
        requestSigned: form.requestSigned,
      });
      if (outcome.kind === 'not_identified') {
        const refused = outcome.identification;
        return show([{ field: refused.field, message: refused.message[locale] }]);
      }
      return c.redirect(
        `/front-office/applications/${outcome.applicationId}?taken=${outcome.kind}`,
        303,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        return show(errorsOfIssues(error, locale), identification);
      }
      if (error instanceof DomainError && error.code === 'intake_registry_unavailable') {
        // Nothing was created (the registries are asked before submitting): the form keeps
        // every value and says so, and the operator presses Accept again.
        return show(
          [
            {
              field: 'applicantIin',
              message: errorTable.intake_registry_unavailable.message[locale],
            },
          ],
          identification,
          503,
        );
      }
      throw error;
    }
  });
}
