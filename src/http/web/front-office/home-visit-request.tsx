import { DomainError } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import {
  HomeVisitRequestInput,
  homeVisitChoices,
  requestHomeVisit,
} from '../../../features/front-office/home-visits.js';
import { rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import {
  CsrfField,
  ErrorSummary,
  LabelledField,
  Notice,
  Page,
  SelectField,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { nameIn } from '../messages.js';
import { errorOf, limitByClient, readForm } from '../form.js';
import { definePage, refuse } from '../page.js';
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

function TextArea(props: { id: string; label: string; value: string; error?: string | undefined }) {
  return (
    <LabelledField id={props.id} label={props.label} error={props.error}>
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
    </LabelledField>
  );
}

function HomeVisitPage(props: {
  ctx: PageContext;
  choices: Awaited<ReturnType<typeof homeVisitChoices>>;
  form: VisitForm;
  errors: readonly FormError[];
  sentNumber?: string | undefined;
}) {
  const { ctx, form, choices } = props;
  const locale: Locale = ctx.locale;
  const errorOfField = (field: string) => errorOf(props.errors, field);
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
            <SelectField
              id="frontOfficeId"
              label={fo.frontOffice[locale]}
              value={form.frontOfficeId}
              options={choices.frontOffices.map((office) => ({
                value: office.id,
                label: nameIn(office.name, locale),
              }))}
              error={errorOfField('frontOfficeId')}
            />
            <SelectField
              id="serviceCode"
              label={fo.service[locale]}
              value={form.serviceCode}
              options={choices.services.map((service) => ({
                value: service.code,
                label: service.name[locale],
              }))}
              error={errorOfField('serviceCode')}
            />
            <TextField
              id="fullName"
              label={fo.fullName[locale]}
              value={form.fullName}
              autocomplete="name"
              maxlength={200}
              required
              error={errorOfField('fullName')}
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
              error={errorOfField('phone')}
            />
            <TextField
              id="address"
              label={fo.address[locale]}
              value={form.address}
              autocomplete="street-address"
              maxlength={500}
              required
              error={errorOfField('address')}
            />
            <TextArea
              id="reason"
              label={fo.reason[locale]}
              value={form.reason}
              error={errorOfField('reason')}
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

/** The visit form from the posted fields ('' for what is absent). */
function visitFormOf(values: Readonly<Record<string, string>>): VisitForm {
  const value = (name: keyof VisitForm) => values[name] ?? '';
  return {
    frontOfficeId: value('frontOfficeId'),
    serviceCode: value('serviceCode'),
    fullName: value('fullName'),
    phone: value('phone'),
    address: value('address'),
    reason: value('reason'),
  };
}

/** The public page `/home-visit` (no sign-in): a home visit through the contact centre. */
export const homeVisitRequestPage = definePage({
  path: '/home-visit',
  guard: async () => undefined,
  load: async (c) => {
    const number = c.req.method === 'GET' ? c.req.query('sent') : undefined;
    return {
      choices: await homeVisitChoices(c.get('deps').applications),
      sentNumber: number && /^HV-\d{4}-\d{6}$/.test(number) ? number : undefined,
    };
  },
  View: ({ ctx, data, form }) => (
    <HomeVisitPage
      ctx={ctx}
      choices={data.choices}
      form={visitFormOf(form.values)}
      errors={form.errors}
      sentNumber={data.sentNumber}
    />
  ),
  action: async (c) => {
    const locale = c.get('locale');
    await limitByClient(c, 'home-visit', rateLimitPolicies.homeVisit);
    const form = visitFormOf((await readForm(c)).values);
    const values = { ...form };
    const parsed = HomeVisitRequestInput.safeParse(form);
    if (!parsed.success) {
      const errors: FormError[] = [];
      for (const field of fieldsOrder) {
        const issue = parsed.error.issues.find((candidate) => candidate.path[0] === field);
        if (issue) errors.push({ field, message: messageFor(field, issue.code, locale) });
      }
      return refuse(values, errors);
    }
    try {
      const created = await requestHomeVisit(c.get('deps').applications, form);
      return c.redirect(`/home-visit?sent=${created.number}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        const issues = (error.details.issues ?? []) as { path: string; rule: string }[];
        return refuse(
          values,
          issues.map((issue) => ({
            field: issue.path,
            message: messageFor(issue.path, issue.rule, locale),
          })),
        );
      }
      throw error;
    }
  },
});
