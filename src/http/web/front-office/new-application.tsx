import { randomUUID } from 'node:crypto';
import type { Child } from 'hono/jsx';
import { DomainError, type FieldIssue } from '../../../domain/shared/domain-error.js';
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
import { errorTable, fieldIssueMessage } from '../../error-table.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { errorOf, fieldOf, readForm } from '../form.js';
import { definePage, refuse } from '../page.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebContext } from '../web-env.js';
import { kazakhstanDay } from '../../../domain/calendar/kazakhstan-day.js';
import type { ApplicationServices } from '../../../engine/application-services.js';
import { chosenAsOf, portalServices } from '../portal/as-of.js';
import { IntakeAsOfChooser } from './as-of-chooser.js';
import { FoPage, frontOfficeContext, registryGatewayOf, staffOf } from './components.js';
import { Checklist, RegulationFields, ServiceSelect, type IntakeForm } from './intake-fields.js';
import { fo } from './texts.js';

/** The intake form from the posted fields (empty, with a new form key, on a GET). */
function intakeFormOf(form: Readonly<Record<string, unknown>>): IntakeForm {
  const fields: Record<string, string> = {};
  const checks: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    if (typeof value !== 'string') continue;
    if (name.startsWith('field-')) fields[name.slice('field-'.length)] = value.trim();
    if (name.startsWith('check-')) checks[name.slice('check-'.length)] = value;
  }
  const key = fieldOf(form, 'formKey');
  return {
    formKey: /^[A-Za-z0-9-]{8,64}$/.test(key) ? key : randomUUID(),
    choice: fieldOf(form, 'choice'),
    applicantIin: fieldOf(form, 'applicantIin').trim(),
    representativeIin: fieldOf(form, 'representativeIin').trim(),
    powerOfAttorneyNumber: fieldOf(form, 'powerOfAttorneyNumber').trim(),
    applicantPhone: fieldOf(form, 'applicantPhone').trim(),
    fields,
    checks,
    consentGiven: fieldOf(form, 'consentGiven') === 'yes',
    requestSigned: fieldOf(form, 'requestSigned') === 'yes',
  };
}

type Identified = ApplicantIdentification & { status: 'identified' };

interface IntakeProps {
  readonly ctx: PageContext;
  readonly catalog: readonly IntakeService[];
  readonly form: IntakeForm;
  readonly errors: readonly FormError[];
  readonly identified?: Identified | undefined;
  /** Sandbox only: the "as of" day chosen (undefined: today) and today. */
  readonly asOf?: AsOf | undefined;
}

type AsOf = { day: string | undefined; today: string };

/** A confirmation check box (consent, the signed request) with its error. */
function Confirmation(props: {
  name: 'consentGiven' | 'requestSigned';
  label: string;
  checked: boolean;
  errors: readonly FormError[];
  children?: Child;
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      {error ? (
        <span class="error" id={`${props.name}-error`}>
          {error}
        </span>
      ) : null}
      <div class="choice">
        <input
          type="checkbox"
          id={props.name}
          name={props.name}
          value="yes"
          checked={props.checked}
        />
        <label for={props.name}>{props.label}</label>
      </div>
      {props.children}
    </div>
  );
}

function IdentifiedNotice(props: { locale: Locale; identified: Identified }) {
  const { locale, identified } = props;
  return (
    <Notice tone="ok" role="status">
      <p>
        <strong>{fo.identified[locale]}:</strong>{' '}
        <span id="applicant-name">{personName(identified.applicant)}</span>
      </p>
      {identified.representative ? (
        <p>
          {fo.representedBy[locale]}:{' '}
          <span id="representative-name">{personName(identified.representative.person)}</span>.{' '}
          {fo.powerOfAttorneyValid[locale]}{' '}
          {identified.representative.powerOfAttorney.validUntil.split('-').reverse().join('.')}
        </p>
      ) : null}
    </Notice>
  );
}

/** Step 1: the service and provider, the applicant and the representative. */
function IdentifyFields({ ctx, catalog, form, errors }: IntakeProps) {
  const { locale } = ctx;
  return (
    <>
      <h2>{fo.identifyTitle[locale]}</h2>
      <ServiceSelect
        catalog={catalog}
        value={form.choice}
        locale={locale}
        error={errorOf(errors, 'choice')}
      />
      <TextField
        id="applicantIin"
        label={fo.applicantIin[locale]}
        value={form.applicantIin}
        inputmode="numeric"
        maxlength={12}
        required
        error={errorOf(errors, 'applicantIin')}
      />
      <TextField
        id="representativeIin"
        label={fo.representativeIin[locale]}
        hint={fo.representativeHint[locale]}
        value={form.representativeIin}
        inputmode="numeric"
        maxlength={12}
        error={errorOf(errors, 'representativeIin')}
      />
      <TextField
        id="powerOfAttorneyNumber"
        label={fo.powerOfAttorneyNumber[locale]}
        value={form.powerOfAttorneyNumber}
        maxlength={64}
        error={errorOf(errors, 'powerOfAttorneyNumber')}
      />
    </>
  );
}

/** Step 2, once identified: the phone, the regulation's fields, the checklist, the confirmations. */
function AcceptFields(props: IntakeProps & { identified: Identified; entry: IntakeService }) {
  const { ctx, form, errors } = props;
  const { locale } = ctx;
  const errorOfField = (field: string) => errorOf(errors, field);
  return (
    <>
      <IdentifiedNotice locale={locale} identified={props.identified} />
      <TextField
        id="applicantPhone"
        type="tel"
        label={fo.applicantPhone[locale]}
        value={form.applicantPhone}
        maxlength={20}
        autocomplete="off"
        error={errorOfField('applicantPhone')}
      />
      <RegulationFields
        regulation={props.entry.regulation}
        frontOffices={props.entry.frontOffices}
        form={form}
        locale={locale}
        errorOf={errorOfField}
      />
      <Checklist
        regulation={props.entry.regulation}
        form={form}
        locale={locale}
        errorOf={errorOfField}
      />
      <Confirmation
        name="consentGiven"
        label={fo.consent[locale]}
        checked={form.consentGiven}
        errors={errors}
      />
      <Confirmation
        name="requestSigned"
        label={fo.requestSigned[locale]}
        checked={form.requestSigned}
        errors={errors}
      >
        <span class="hint">{fo.signNote[locale]}</span>
      </Confirmation>
      <div class="actions">
        <button type="submit" name="action" value="accept">
          {fo.accept[locale]}
        </button>
        <button type="submit" name="action" value="identify" class="secondary">
          {fo.identify[locale]}
        </button>
      </div>
    </>
  );
}

function IntakeView(props: IntakeProps) {
  const { ctx, form, identified } = props;
  const { locale } = ctx;
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
        <IdentifyFields {...props} />
        {identified && entry ? (
          <AcceptFields {...props} identified={identified} entry={entry} />
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
  const issues = (error.details.issues ?? []) as FieldIssue[];
  return issues.map((issue) => {
    const field = issue.path.startsWith('fields.')
      ? `field-${issue.path.slice('fields.'.length)}`
      : issue.path === 'serviceCode' || issue.path === 'providerOrganisationId'
        ? 'choice'
        : issue.path;
    return {
      field,
      message:
        issueMessages(locale)[field] ?? fieldIssueMessage(issue, locale) ?? fo.errField[locale],
    };
  });
}

type Operator = Awaited<ReturnType<typeof requireOperator>>;

const requireOperator = (c: WebContext) => requireStaff(c, [StaffRole.frontOfficeOperator]);

/** The sandbox's "as of" day of an intake request (docs/sandbox.md); undefined outside one. */
function intakeAsOf(c: WebContext): AsOf | undefined {
  const deps = c.get('deps');
  return deps.config.sandbox ? { day: chosenAsOf(c), today: kazakhstanDay(deps.now()) } : undefined;
}

/** The applicant (and representative) as the registries know them, or the field errors why not. */
async function identify(
  c: WebContext,
  form: IntakeForm,
): Promise<{ identification: Identified } | { errors: FormError[]; status: 422 | 503 }> {
  const locale = c.get('locale');
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
      const message = errorTable.registry_unavailable.message[locale];
      return { errors: [{ field: 'applicantIin', message }], status: 503 };
    }
    throw error;
  }
  if (identification.status === 'refused') {
    const message = identification.message[locale];
    return { errors: [{ field: identification.field, message }], status: 422 };
  }
  return { identification };
}

/** Takes the application (accepted or refused at intake): its page (303), or why not. */
async function take(
  c: WebContext,
  user: Operator,
  form: IntakeForm,
  services: ApplicationServices,
): Promise<Response | { errors: FormError[]; status: 422 | 503 }> {
  const locale = c.get('locale');
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
      return { errors: [{ field: refused.field, message: refused.message[locale] }], status: 422 };
    }
    const taken = `/front-office/applications/${outcome.applicationId}?taken=${outcome.kind}`;
    return c.redirect(taken, 303);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation_failed') {
      return { errors: errorsOfIssues(error, locale), status: 422 };
    }
    if (error instanceof DomainError && error.code === 'intake_registry_unavailable') {
      // Nothing was created (the registries are asked before submitting): the form keeps
      // every value and says so, and the operator presses Accept again.
      const message = errorTable.intake_registry_unavailable.message[locale];
      return { errors: [{ field: 'applicantIin', message }], status: 503 };
    }
    throw error;
  }
}

/** The form of a refusal made after the applicant was identified (the accept step's fields). */
const acceptStep = 'accept';

/**
 * /front-office/applications/new: identify, check the package, accept or refuse. A refused form
 * (422) goes back to the page by post/redirect/get; a refusal made after identification is
 * marked as the accept step's (`form: 'accept'`), and the GET that shows it identifies the
 * applicant again from the kept values, so the operator sees the same step with the errors
 * beside its fields. The identification itself (200, a further step) and a registry that does
 * not answer (503) are shown in answer.
 */
export const newApplicationPage = definePage({
  path: '/front-office/applications/new',
  guard: requireOperator,
  load: async (c, user, shown) => {
    const asOf = intakeAsOf(c);
    // In a sandbox, "as of" a chosen past day: the services, providers and submission of then.
    const catalog = await listIntakeServices(portalServices(c), user.principal.organisationId);
    if (shown.form !== acceptStep) return { catalog, asOf };
    const identified = await identify(c, intakeFormOf(shown.values));
    return {
      catalog,
      asOf,
      identified: 'errors' in identified ? undefined : identified.identification,
    };
  },
  View: ({ ctx, data: { catalog, asOf, identified }, form }) => (
    <IntakeView
      ctx={ctx}
      catalog={catalog}
      form={intakeFormOf(form.values)}
      errors={form.errors}
      identified={identified}
      asOf={asOf}
    />
  ),
  action: async (c, user) => {
    const locale = c.get('locale');
    const services = portalServices(c);
    const asOf = intakeAsOf(c);
    const catalog = await listIntakeServices(services, user.principal.organisationId);
    const posted = await readForm(c);
    const form = intakeFormOf(posted.values);
    // The values as the form posts them (the form key kept, so Accept stays idempotent).
    const values = { ...posted.values, formKey: form.formKey };
    const show = async (
      errors: FormError[],
      identified: Identified | undefined,
      status: 200 | 503,
    ) =>
      render(
        c,
        <IntakeView
          ctx={await pageContext(c)}
          catalog={catalog}
          form={form}
          errors={errors}
          identified={identified}
          asOf={asOf}
        />,
        status,
      );
    const basic = basicErrors(form, catalog, locale);
    if (basic.length > 0) return refuse(values, basic);
    const identified = await identify(c, form);
    if ('errors' in identified) {
      if (identified.status === 503) return show(identified.errors, undefined, 503);
      return refuse(values, identified.errors);
    }
    if (posted.field('action') !== 'accept') return show([], identified.identification, 200);
    const taken = await take(c, user, form, services);
    if (taken instanceof Response) return taken;
    if (taken.status === 503) return show(taken.errors, identified.identification, 503);
    return refuse(values, taken.errors, 422, { form: acceptStep });
  },
});
