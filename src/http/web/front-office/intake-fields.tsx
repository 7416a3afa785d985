import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import type { Locale } from '../../../domain/shared/locale.js';
import {
  DocumentCheck,
  intakeChecklist,
  type IntakeService,
} from '../../../features/front-office/intake-catalog.js';
import { TextField } from '../layout.js';
import { NameIn } from '../components.js';
import { nameIn, nameLang, sortedByName } from '../messages.js';
import type { ApplicationField } from '../../../domain/regulation/ApplicationField.js';
import {
  frontOfficeLabel,
  type FrontOfficeChoice,
} from '../../../features/applications/front-office-choices.js';
import { fo } from './texts.js';

/** What the operator typed on the intake form (kept after a failed submission). */
export interface IntakeForm {
  formKey: string;
  choice: string;
  applicantIin: string;
  representativeIin: string;
  powerOfAttorneyNumber: string;
  applicantPhone: string;
  fields: Record<string, string>;
  checks: Record<string, string>;
  consentGiven: boolean;
  requestSigned: boolean;
}

/** The service and provider, one choice. */
export function ServiceSelect(props: {
  catalog: readonly IntakeService[];
  value: string;
  locale: Locale;
  error?: string;
}) {
  const { locale } = props;
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for="choice">{fo.chooseService[locale]}</label>
      {props.error ? (
        <span class="error" id="choice-error">
          {props.error}
        </span>
      ) : null}
      <select
        id="choice"
        name="choice"
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? 'choice-error' : undefined}
      >
        <option value="">—</option>
        {props.catalog.map((entry) => (
          <optgroup label={nameIn(entry.regulation.name, locale)} lang={nameLang(locale)}>
            {sortedByName(entry.providers, locale).map((provider) => {
              const value = `${entry.regulation.service}|${provider.id}`;
              return (
                <option value={value} selected={value === props.value}>
                  {`${nameIn(entry.regulation.name, locale)} — ${nameIn(provider.name, locale)}`}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** The regulation's checklist: present / expired / missing for each document. */
export function Checklist(props: {
  regulation: RegulationDefinition;
  form: IntakeForm;
  locale: Locale;
  errorOf: (field: string) => string | undefined;
}) {
  const { locale, form } = props;
  return (
    <section>
      <h2>{fo.checklist[locale]}</h2>
      {intakeChecklist(props.regulation).map((document) => (
        <fieldset class="field" id={`check-${document.id}`} tabindex={-1}>
          <legend>
            <NameIn name={document.title} locale={locale} />
            {document.condition ? (
              <>
                {' ('}
                <NameIn name={document.condition} locale={locale} />)
              </>
            ) : null}
          </legend>
          {(['present', 'expired', 'missing'] as const).map((check) => (
            <div class="choice">
              <input
                type="radio"
                id={`check-${document.id}-${check}`}
                name={`check-${document.id}`}
                value={check}
                checked={(form.checks[document.id] ?? DocumentCheck.present) === check}
              />
              <label for={`check-${document.id}-${check}`}>{fo[check][locale]}</label>
            </div>
          ))}
        </fieldset>
      ))}
      <p class="hint">{fo.incompleteNote[locale]}</p>
    </section>
  );
}

/**
 * A field chosen from the region's front offices (where the result is collected): the offices
 * sorted by name in the page's language; the value is the office's name and address as the
 * documents print it (the engine refuses any other text).
 */
function FrontOfficeField(props: {
  field: ApplicationField;
  offices: readonly FrontOfficeChoice[];
  value: string;
  locale: Locale;
  error?: string | undefined;
}) {
  const { field, locale } = props;
  const id = `field-${field.id}`;
  const language = locale === 'kk' ? 'kk' : 'ru';
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{field.label[locale]}</label>
      {props.error ? (
        <span class="error" id={`${id}-error`}>
          {props.error}
        </span>
      ) : null}
      <select
        id={id}
        name={id}
        required={field.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        <option value="">—</option>
        {sortedByName(props.offices, locale).map((office) => {
          const value = frontOfficeLabel(office, language, field.length?.max);
          return (
            <option value={value} selected={props.value === value}>
              {value}
            </option>
          );
        })}
      </select>
    </div>
  );
}

/** The regulation's own fields of the application form. */
export function RegulationFields(props: {
  regulation: RegulationDefinition;
  frontOffices: readonly FrontOfficeChoice[];
  form: IntakeForm;
  locale: Locale;
  errorOf: (field: string) => string | undefined;
}) {
  const { locale } = props;
  const fields = props.regulation.fields.filter(
    (field) => field.id !== 'applicant-iin' && field.id !== 'power-of-attorney-number',
  );
  if (fields.length === 0) return null;
  return (
    <section>
      <h2>{fo.fields[locale]}</h2>
      {fields.map((field) =>
        field.format === 'front_office' ? (
          <FrontOfficeField
            field={field}
            offices={props.frontOffices}
            value={props.form.fields[field.id] ?? ''}
            locale={locale}
            error={props.errorOf(`field-${field.id}`)}
          />
        ) : field.format === 'choice' ? (
          <div class="field">
            <label for={`field-${field.id}`}>{field.label[locale]}</label>
            <select id={`field-${field.id}`} name={`field-${field.id}`} required={field.required}>
              <option value="">—</option>
              {(field.choices ?? []).map((choice) => (
                <option
                  value={choice.value}
                  selected={props.form.fields[field.id] === choice.value}
                >
                  {choice.label[locale]}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <TextField
            id={`field-${field.id}`}
            label={field.label[locale]}
            type={field.format === 'date' ? 'date' : 'text'}
            value={props.form.fields[field.id] ?? ''}
            required={field.required}
            error={props.errorOf(`field-${field.id}`)}
          />
        ),
      )}
    </section>
  );
}
