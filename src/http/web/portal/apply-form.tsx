import type { ApplicationField } from '../../../domain/regulation/ApplicationField.js';
import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import type { FieldIssue } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { applicantIinFieldId } from '../../../features/portal/draft-readiness.js';
import { findOpenDraftFor } from '../../../features/portal/get-portal-draft.js';
import {
  listServiceProviders,
  type PortalOrganisationChoice,
} from '../../../features/portal/list-service-providers.js';
import { frontOfficeFieldId, savePortalDraft } from '../../../features/portal/save-portal-draft.js';
import { readForm } from '../form.js';
import { CsrfField, ErrorSummary, Notice, type FormError, type PageContext } from '../layout.js';
import { common, nameIn, nameLang, sortedByName } from '../messages.js';
import { regionName } from '../vocabulary-labels.js';
import { definePage, refuse, type FormState } from '../page.js';
import { citizenOf } from './apply-draft.js';
import { applyText as text } from './apply-texts.js';
import { portalServices } from './as-of.js';
import { PortalPage } from './portal-page.js';
import { issueMessage } from './texts.js';

/** The html id of a form field (the first option of a choice). */
export function fieldHtmlId(field: ApplicationField): string {
  return field.format === 'choice' ? `f-${field.id}-0` : `f-${field.id}`;
}

/**
 * The page errors for issues of the engine and the portal: each linked to its control;
 * document issues are left to the documents step.
 */
export function formErrorsOf(
  regulation: RegulationDefinition,
  issues: readonly FieldIssue[],
  locale: Locale,
): FormError[] {
  const errors: FormError[] = [];
  for (const issue of issues) {
    if (issue.path.startsWith('documents.')) continue;
    const fieldId = issue.path.startsWith('fields.') ? issue.path.slice(7) : undefined;
    const field = regulation.fields.find((candidate) => candidate.id === fieldId);
    const target =
      issue.path === 'providerOrganisationId'
        ? 'provider'
        : issue.path === 'frontOfficeId' || fieldId === frontOfficeFieldId
          ? 'front-office'
          : field
            ? fieldHtmlId(field)
            : regulation.fields[0]
              ? fieldHtmlId(regulation.fields[0])
              : 'provider';
    const label =
      target === 'front-office'
        ? text.frontOffice[locale]
        : target === 'provider'
          ? text.provider[locale]
          : (field?.label[locale] ?? '');
    // One message per control: the front office field is filled from the front office chosen.
    if (errors.some((error) => error.field === target)) continue;
    errors.push({
      field: target,
      message: label ? `${label}: ${issueMessage(issue, locale)}` : issueMessage(issue, locale),
    });
  }
  // The summary lists the problems in the order of the form.
  const order = ['provider', 'front-office', ...regulation.fields.map(fieldHtmlId)];
  return errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** The message beside a control: the summary's, without the label the control already has. */
function besideMessage(message: string | undefined, label: string): string | undefined {
  return message?.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
}

/** The step list at the top of each page of the journey. */
export function ApplySteps(props: { locale: Locale; current: 1 | 2 | 3 | 4 }) {
  const steps = [text.stepForm, text.stepDocuments, text.stepReview, text.stepCertify];
  return (
    <nav aria-label={text.stepsLabel[props.locale]}>
      <ol class="apply-steps">
        {steps.map((step, index) => (
          <li aria-current={index + 1 === props.current ? 'step' : undefined}>
            {step[props.locale]}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The regions of a list of organisations, in the order first met. */
function regionsOf(options: readonly PortalOrganisationChoice[]): string[] {
  return [...new Set(options.map((option) => option.regionCode))];
}

/**
 * A choice of organisations sorted by name in the page's language, grouped by region when they
 * are of several (the front office must be of the provider's region: the save refuses another).
 */
function OrganisationSelect(props: {
  id: string;
  label: string;
  options: readonly PortalOrganisationChoice[];
  value: string;
  error?: string;
  locale: Locale;
  regionLabel: (code: string) => string;
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
        <option value="">{text.choose[props.locale]}</option>
        {regionsOf(props.options).length > 1
          ? regionsOf(props.options).map((region) => (
              <optgroup label={props.regionLabel(region)}>
                {sortedByName(
                  props.options.filter((option) => option.regionCode === region),
                  props.locale,
                ).map((option) => (
                  <option
                    value={option.id}
                    selected={option.id === props.value}
                    lang={nameLang(props.locale)}
                  >
                    {nameIn(option.name, props.locale)}
                  </option>
                ))}
              </optgroup>
            ))
          : sortedByName(props.options, props.locale).map((option) => (
              <option
                value={option.id}
                selected={option.id === props.value}
                lang={nameLang(props.locale)}
              >
                {nameIn(option.name, props.locale)}
              </option>
            ))}
      </select>
    </div>
  );
}

function FormField(props: {
  field: ApplicationField;
  value: string;
  error?: string;
  locale: Locale;
}) {
  const { field, locale } = props;
  const id = `f-${field.id}`;
  const label = `${field.label[locale]}${field.required ? '' : ` ${text.optional[locale]}`}`;
  if (field.format === 'choice') {
    return (
      <fieldset
        class={props.error ? 'field invalid' : 'field'}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        <legend>{label}</legend>
        {props.error ? (
          <span class="error" id={`${id}-error`}>
            {props.error}
          </span>
        ) : null}
        {(field.choices ?? []).map((choice, index) => (
          <div class="choice">
            <input
              type="radio"
              id={`${id}-${index}`}
              name={id}
              value={choice.value}
              checked={props.value === choice.value}
              required={field.required}
              aria-invalid={props.error ? 'true' : undefined}
            />
            <label for={`${id}-${index}`}>{choice.label[locale]}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  const length = field.length?.exact ?? field.length?.max;
  const pattern =
    field.format === 'numeric'
      ? field.length?.exact
        ? `[0-9]{${field.length.exact}}`
        : '[0-9]*'
      : undefined;
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {props.error ? (
        <span class="error" id={`${id}-error`}>
          {props.error}
        </span>
      ) : null}
      <input
        id={id}
        name={id}
        type={field.format === 'date' ? 'date' : 'text'}
        value={props.value}
        inputmode={field.format === 'numeric' ? 'numeric' : undefined}
        maxlength={length}
        pattern={pattern}
        required={field.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
    </div>
  );
}

/** What the form shows: the choices and values typed (kept after a failed submit). */
export interface ApplyFormState {
  draftId: string;
  providerOrganisationId: string;
  frontOfficeId: string;
  fields: Record<string, string>;
  errors: FormError[];
}

/** Step 1: the form generated from the regulation's fields. */
export function ApplyFormPage(props: {
  ctx: PageContext;
  regulation: RegulationDefinition;
  providers: readonly PortalOrganisationChoice[];
  frontOffices: readonly PortalOrganisationChoice[];
  needsFrontOffice: boolean;
  state: ApplyFormState;
}) {
  const { ctx, regulation, state } = props;
  const locale = ctx.locale;
  const name = nameIn(regulation.name, locale);
  const errorOf = (id: string) => state.errors.find((error) => error.field === id)?.message;
  const regionLabel = (code: string) => regionName(ctx.vocabulary, code)[locale];
  return (
    <PortalPage ctx={ctx} title={name} titleLang={nameLang(locale)} narrow>
      <ApplySteps locale={locale} current={1} />
      <h1 lang={nameLang(locale)}>{name}</h1>
      <p class="lead">{text.formIntro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={state.errors} />
      {props.providers.length === 0 ? (
        <Notice tone="warn">
          <p>{text.noProviders[locale]}</p>
        </Notice>
      ) : (
        <form method="post" action={`/apply/${regulation.id}`} novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="draftId" value={state.draftId} />
          <OrganisationSelect
            id="provider"
            label={text.provider[locale]}
            options={props.providers}
            value={state.providerOrganisationId}
            error={besideMessage(errorOf('provider'), text.provider[locale])}
            locale={locale}
            regionLabel={regionLabel}
          />
          {props.needsFrontOffice ? (
            <OrganisationSelect
              id="front-office"
              label={text.frontOffice[locale]}
              options={props.frontOffices}
              value={state.frontOfficeId}
              error={besideMessage(errorOf('front-office'), text.frontOffice[locale])}
              locale={locale}
              regionLabel={regionLabel}
            />
          ) : null}
          {regulation.fields
            .filter((field) => field.id !== frontOfficeFieldId || !props.needsFrontOffice)
            .map((field) => (
              <FormField
                field={field}
                value={state.fields[field.id] ?? ''}
                error={besideMessage(errorOf(fieldHtmlId(field)), field.label[locale])}
                locale={locale}
              />
            ))}
          <div class="actions">
            <button type="submit">{text.saveContinue[locale]}</button>
          </div>
        </form>
      )}
      <p>
        <a href={`/services/${regulation.service}`}>{common.back[locale]}</a>
      </p>
    </PortalPage>
  );
}

type ServiceOptions = Awaited<ReturnType<typeof listServiceProviders>>;

interface ApplyFormData extends ServiceOptions {
  /** What a GET shows: the open draft's answers, else the only choices and the citizen's IIN. */
  readonly initial: Omit<ApplyFormState, 'errors'>;
}

/** The form state of a refused save: the values posted, by their controls' names. */
function postedState(regulation: RegulationDefinition, form: FormState): ApplyFormState {
  const fields: Record<string, string> = {};
  for (const field of regulation.fields) fields[field.id] = form.values[`f-${field.id}`] ?? '';
  return {
    draftId: form.values.draftId ?? '',
    providerOrganisationId: form.values.provider ?? '',
    frontOfficeId: form.values['front-office'] ?? '',
    fields,
    errors: [...form.errors],
  };
}

function ApplyFormView(props: { ctx: PageContext; data: ApplyFormData; form: FormState }) {
  const { ctx, data, form } = props;
  const state =
    form.errors.length > 0
      ? postedState(data.regulation, form)
      : { ...data.initial, errors: [] as FormError[] };
  return <ApplyFormPage ctx={ctx} {...data} state={state} />;
}

/**
 * `/apply/<regulationId>`: step 1, the form of the regulation's fields; a save creates or
 * updates the draft and goes on to the documents (422 with the answers kept when refused).
 */
export const applyFormPage = definePage({
  path: '/apply/:regulationId',
  guard: citizenOf,
  load: async (c, citizen): Promise<ApplyFormData> => {
    const services = portalServices(c);
    const regulationId = c.req.param('regulationId') ?? '';
    const options = await listServiceProviders(services, regulationId);
    // A refused save shows what was posted: the open draft is read for a GET only.
    const open =
      c.req.method === 'GET'
        ? await findOpenDraftFor(services, citizen.accountId, regulationId)
        : undefined;
    const initial = open
      ? {
          draftId: open.draft.id,
          providerOrganisationId: open.draft.providerOrganisationId ?? '',
          frontOfficeId: open.draft.frontOfficeId ?? '',
          fields: open.draft.fields,
        }
      : {
          draftId: '',
          providerOrganisationId: options.providers.length === 1 ? options.providers[0]!.id : '',
          frontOfficeId: options.frontOffices.length === 1 ? options.frontOffices[0]!.id : '',
          fields: { [applicantIinFieldId]: citizen.iin },
        };
    return { ...options, initial };
  },
  View: ApplyFormView,
  action: async (c, citizen) => {
    const locale = c.get('locale');
    const services = portalServices(c);
    const regulationId = c.req.param('regulationId') ?? '';
    const options = await listServiceProviders(services, regulationId);
    const { field } = await readForm(c);
    const fields: Record<string, string> = {};
    for (const { id } of options.regulation.fields) fields[id] = field(`f-${id}`);
    const input = {
      draftId: field('draftId') || undefined,
      regulationId,
      providerOrganisationId: field('provider'),
      frontOfficeId: field('front-office'),
      fields,
      language: locale === 'kk' ? ('kk' as const) : ('ru' as const),
    };
    const saved = await savePortalDraft(services, citizen, input);
    const formIssues = saved.issues.filter((issue) => !issue.path.startsWith('documents.'));
    if (formIssues.length > 0) {
      const posted = Object.fromEntries(
        Object.entries(fields).map(([id, value]) => [`f-${id}`, value]),
      );
      return refuse(
        {
          ...posted,
          draftId: saved.draftId,
          provider: input.providerOrganisationId,
          'front-office': input.frontOfficeId,
        },
        formErrorsOf(options.regulation, formIssues, locale),
      );
    }
    return c.redirect(`/apply/${regulationId}/${saved.draftId}/documents`, 303);
  },
});
