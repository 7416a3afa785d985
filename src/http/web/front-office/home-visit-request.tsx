import type { Hono } from 'hono';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import {
  HomeVisitRequestInput,
  homeVisitChoices,
  requestHomeVisit,
} from '../../../features/front-office/home-visits.js';
import { enforceRateLimit, rateLimitPolicies } from '../../../features/web/rate-limit.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  Page,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { nameIn } from '../messages.js';
import { pageContext, render } from '../page-context.js';
import { clientAddress, type WebContext, type WebEnv } from '../web-env.js';
import { formField } from './components.js';
import { fo } from './texts.js';

interface VisitForm {
  frontOfficeId: string;
  serviceCode: string;
  fullName: string;
  phone: string;
  address: string;
  reason: string;
}

const fieldsOrder = [
  'frontOfficeId',
  'serviceCode',
  'fullName',
  'phone',
  'address',
  'reason',
] as const;

function Select(props: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  error?: string;
}) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.error ? (
        <span class="error" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
      <select
        id={props.id}
        name={props.id}
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        <option value="">—</option>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextArea(props: { id: string; label: string; value: string; error?: string }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.error ? (
        <span class="error" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
      <textarea
        id={props.id}
        name={props.id}
        required
        maxlength={1000}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

function HomeVisitPage(props: {
  ctx: PageContext;
  choices: Awaited<ReturnType<typeof homeVisitChoices>>;
  form: VisitForm;
  errors: FormError[];
  sentNumber?: string;
}) {
  const { ctx, form, choices } = props;
  const locale: Locale = ctx.locale;
  const errorOf = (field: string) => props.errors.find((error) => error.field === field)?.message;
  return (
    <Page ctx={ctx} title={fo.homeVisitTitle[locale]} narrow>
      <h1>{fo.homeVisitTitle[locale]}</h1>
      {props.sentNumber ? (
        <Notice tone="ok" role="status">
          <p>
            {fo.homeVisitSent[locale]} <strong id="visit-number">{props.sentNumber}</strong>
          </p>
        </Notice>
      ) : (
        <>
          <p class="lead">{fo.homeVisitIntro[locale]}</p>
          <ErrorSummary ctx={ctx} errors={props.errors} />
          <form method="post" action="/home-visit" novalidate>
            <CsrfField ctx={ctx} />
            <Select
              id="frontOfficeId"
              label={fo.frontOffice[locale]}
              value={form.frontOfficeId}
              options={choices.frontOffices.map((office) => ({
                value: office.id,
                label: nameIn(office.name, locale),
              }))}
              error={errorOf('frontOfficeId')}
            />
            <Select
              id="serviceCode"
              label={fo.service[locale]}
              value={form.serviceCode}
              options={choices.services.map((service) => ({
                value: service.code,
                label: service.name[locale],
              }))}
              error={errorOf('serviceCode')}
            />
            <TextField
              id="fullName"
              label={fo.fullName[locale]}
              value={form.fullName}
              autocomplete="name"
              maxlength={200}
              required
              error={errorOf('fullName')}
            />
            <TextField
              id="phone"
              type="tel"
              label={fo.phone[locale]}
              hint={fo.phoneHint[locale]}
              value={form.phone}
              autocomplete="tel"
              maxlength={20}
              required
              error={errorOf('phone')}
            />
            <TextField
              id="address"
              label={fo.address[locale]}
              value={form.address}
              autocomplete="street-address"
              maxlength={500}
              required
              error={errorOf('address')}
            />
            <TextArea
              id="reason"
              label={fo.reason[locale]}
              value={form.reason}
              error={errorOf('reason')}
            />
            <div class="actions">
              <button type="submit">{fo.send[locale]}</button>
            </div>
          </form>
        </>
      )}
    </Page>
  );
}

function messageFor(field: string, code: string, locale: Locale): string {
  if (field === 'frontOfficeId' || field === 'serviceCode') return fo.errChoose[locale];
  if (field === 'phone') return fo.errPhone[locale];
  return code === 'too_small' ? fo.errTooShort[locale] : fo.errRequired[locale];
}

/** The public page `/home-visit` (no sign-in): a home visit through the contact centre. */
export function mountHomeVisitRequest(routes: Hono<WebEnv>): void {
  const emptyForm: VisitForm = {
    frontOfficeId: '',
    serviceCode: '',
    fullName: '',
    phone: '',
    address: '',
    reason: '',
  };
  routes.get('/home-visit', async (c) => {
    const choices = await homeVisitChoices(c.get('deps').applications);
    const number = c.req.query('sent');
    return render(
      c,
      <HomeVisitPage
        ctx={await pageContext(c)}
        choices={choices}
        form={emptyForm}
        errors={[]}
        {...(number && /^HV-\d{4}-\d{6}$/.test(number) ? { sentNumber: number } : {})}
      />,
    );
  });

  routes.post('/home-visit', async (c: WebContext) => {
    const { database, now, applications } = c.get('deps');
    const locale = c.get('locale');
    await enforceRateLimit(
      database.db,
      `home-visit:${clientAddress(c)}`,
      rateLimitPolicies.homeVisit,
      now(),
    );
    const body = await c.req.parseBody();
    const form: VisitForm = {
      frontOfficeId: formField(body, 'frontOfficeId'),
      serviceCode: formField(body, 'serviceCode'),
      fullName: formField(body, 'fullName'),
      phone: formField(body, 'phone'),
      address: formField(body, 'address'),
      reason: formField(body, 'reason'),
    };
    const choices = await homeVisitChoices(applications);
    const show = async (errors: FormError[]) =>
      render(
        c,
        <HomeVisitPage ctx={await pageContext(c)} choices={choices} form={form} errors={errors} />,
        422,
      );
    const parsed = HomeVisitRequestInput.safeParse(form);
    if (!parsed.success) {
      const errors: FormError[] = [];
      for (const field of fieldsOrder) {
        const issue = parsed.error.issues.find((candidate) => candidate.path[0] === field);
        if (issue) errors.push({ field, message: messageFor(field, issue.code, locale) });
      }
      return show(errors);
    }
    try {
      const created = await requestHomeVisit(applications, form);
      return c.redirect(`/home-visit?sent=${created.number}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        const issues = (error.details.issues ?? []) as { path: string; rule: string }[];
        return show(
          issues.map((issue) => ({
            field: issue.path,
            message: messageFor(issue.path, issue.rule, locale),
          })),
        );
      }
      throw error;
    }
  });
}
