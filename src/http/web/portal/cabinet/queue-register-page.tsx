import { isValidIin } from '../../../../domain/identity/iin.js';
import type { Locale } from '../../../../domain/shared/locale.js';
import { DomainError, ErrorCode } from '../../../../domain/shared/domain-error.js';
import { countMyUnreadNotifications } from '../../../../features/notifications/list-my-notifications.js';
import {
  listDistrictKindergartens,
  listQueueDistrictsWithRules,
} from '../../../../features/preschool-queue/queue-catalogue.js';
import { queueServicesOf } from '../../../../features/preschool-queue/queue-services.js';
import { registerChild } from '../../../../features/preschool-queue/register-child.js';
import { readFormLists } from '../../form.js';
import {
  CsrfField,
  ErrorSummary,
  LabelledField,
  SelectField,
  TextField,
  type FormError,
} from '../../layout.js';
import { definePage, refuse } from '../../page.js';
import { requireCitizen } from '../../page-context.js';
import { groupLabel, qt, storedName } from '../../preschool-queue-texts.js';
import type { WebContext } from '../../web-env.js';
import { CabinetPage } from './shared.js';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const categories = ['general', 'primary', 'extraordinary'] as const;

async function loadChoices(c: WebContext, chosen: string) {
  const services = queueServicesOf(c.get('deps').applications);
  const districts = await listQueueDistrictsWithRules(services);
  const district =
    districts.find((entry) => `${entry.region}/${entry.code}` === chosen) ?? districts[0];
  const kindergartens = district
    ? await listDistrictKindergartens(services, {
        region: district.region,
        district: district.code,
      })
    : [];
  return { districts, district, kindergartens };
}

/** The district whose kindergartens the form lists (a GET that shows them). */
function DistrictChooser(props: {
  districts: Awaited<ReturnType<typeof listQueueDistrictsWithRules>>;
  value: string;
  locale: Locale;
}) {
  const { locale } = props;
  return (
    <form method="get" action="/cabinet/queue/new">
      <SelectField
        id="district"
        label={qt.district[locale]}
        value={props.value}
        options={props.districts.map((entry) => ({
          value: `${entry.region}/${entry.code}`,
          label: storedName(entry.name, locale),
        }))}
      />
      <div class="actions">
        <button type="submit" class="secondary">
          {qt.show[locale]}
        </button>
      </div>
    </form>
  );
}

/** The kindergartens of the district, up to three chosen. */
function KindergartenChoices(props: {
  kindergartens: Awaited<ReturnType<typeof listDistrictKindergartens>>;
  chosen: readonly string[];
  locale: Locale;
  error: string | undefined;
}) {
  const { locale } = props;
  return (
    <LabelledField id="kindergarten" label={qt.kindergartens[locale]} error={props.error}>
      <ul class="plain" id="kindergarten">
        {props.kindergartens.map((kindergarten) => (
          <li>
            <label>
              <input
                type="checkbox"
                name="kindergarten"
                value={kindergarten.id}
                checked={props.chosen.includes(kindergarten.id)}
              />{' '}
              {storedName(kindergarten.name, locale)} (
              {kindergarten.groups.map((group) => groupLabel(group, locale)).join('; ')})
            </label>
          </li>
        ))}
      </ul>
    </LabelledField>
  );
}

/**
 * `/cabinet/queue/new`: the parent puts a child in a district's kindergarten queue (the child's
 * IIN and date of birth, up to three kindergartens, the language, a special-needs group, the
 * start date, a claimed category); the slip (number and position) is shown on `/cabinet/queue`.
 */
export const queueRegisterPage = definePage({
  path: '/cabinet/queue/new',
  guard: requireCitizen,
  load: async (c, user) => {
    const body = c.req.method === 'POST' ? (await readFormLists(c)).values : {};
    const chosen = (body.district ?? c.req.query('district') ?? '').slice(0, 170);
    const [choices, unreadCount] = await Promise.all([
      loadChoices(c, chosen),
      countMyUnreadNotifications(c.get('deps').applications, user.principal),
    ]);
    return { ...choices, unreadCount, phone: user.phone };
  },
  View: ({ ctx, data, form }) => {
    const locale = ctx.locale;
    const values = form.values;
    const errorOn = (field: string) => form.errors.find((error) => error.field === field)?.message;
    const chosenKindergartens = form.lists?.kindergarten ?? [];
    const districtValue = data.district ? `${data.district.region}/${data.district.code}` : '';
    return (
      <CabinetPage
        ctx={ctx}
        title={qt.registerTitle[locale]}
        unreadCount={data.unreadCount}
        current="/cabinet/queue"
      >
        <h1>{qt.registerTitle[locale]}</h1>
        <p class="lead">{qt.registerLead[locale]}</p>
        <ErrorSummary ctx={ctx} errors={form.errors} />
        <DistrictChooser districts={data.districts} value={districtValue} locale={locale} />
        <form method="post" action="/cabinet/queue/new" novalidate id="queue-register-form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="district" value={districtValue} />
          <TextField
            id="childIin"
            label={qt.childIin[locale]}
            inputmode="numeric"
            maxlength={12}
            value={values.childIin ?? ''}
            error={errorOn('childIin')}
            required
          />
          <TextField
            id="birthDate"
            type="date"
            label={qt.birthDate[locale]}
            value={values.birthDate ?? ''}
            error={errorOn('birthDate')}
            required
          />
          <TextField
            id="phone"
            type="tel"
            label={qt.phone[locale]}
            hint={qt.phoneHint[locale]}
            maxlength={12}
            value={values.phone ?? data.phone}
            error={errorOn('phone')}
          />
          <SelectField
            id="category"
            label={qt.category[locale]}
            value={values.category ?? 'general'}
            options={categories.map((category) => ({
              value: category,
              label: qt.categories[category]![locale],
            }))}
            error={errorOn('category')}
          />
          <p class="hint">{qt.categoryHint[locale]}</p>
          <KindergartenChoices
            kindergartens={data.kindergartens}
            chosen={chosenKindergartens}
            locale={locale}
            error={errorOn('kindergarten')}
          />
          <SelectField
            id="language"
            label={qt.language[locale]}
            value={values.language ?? ''}
            options={['kk', 'ru'].map((code) => ({
              value: code,
              label: qt.languages[code]![locale],
            }))}
            error={errorOn('language')}
          />
          <LabelledField id="specialNeeds" label={qt.specialNeeds[locale]}>
            <select id="specialNeeds" name="specialNeeds">
              <option value="">{qt.noSpecialNeeds[locale]}</option>
              {Object.entries(qt.specialNeedsKinds).map(([code, label]) => (
                <option value={code} selected={values.specialNeeds === code}>
                  {label[locale]}
                </option>
              ))}
            </select>
          </LabelledField>
          <TextField
            id="desiredStart"
            type="date"
            label={qt.desiredStart[locale]}
            value={values.desiredStart ?? ''}
            error={errorOn('desiredStart')}
            required
          />
          <div class="actions">
            <button type="submit">{qt.register[locale]}</button>
          </div>
        </form>
      </CabinetPage>
    );
  },
  action: async (c, user) => {
    const locale = c.get('locale');
    const { values: posted, lists } = await readFormLists(c);
    const field = (name: string) => (posted[name] ?? '').trim().slice(0, 200);
    const values = {
      district: field('district'),
      childIin: field('childIin'),
      birthDate: field('birthDate'),
      phone: field('phone'),
      category: field('category'),
      language: field('language'),
      specialNeeds: field('specialNeeds'),
      desiredStart: field('desiredStart'),
    };
    // A field posted once is a value, a repeated one a list (readFormLists).
    const chosen = lists.kindergarten ?? (posted.kindergarten ? [posted.kindergarten] : []);
    const kindergartens = [...new Set(chosen.slice(0, 10).map((id) => id.slice(0, 80)))];
    const kept = { lists: { kindergarten: kindergartens } };
    const errors: FormError[] = [];
    if (!/^\d{12}$/.test(values.childIin) || !isValidIin(values.childIin))
      errors.push({ field: 'childIin', message: qt.iinInvalid[locale] });
    if (!dayPattern.test(values.birthDate))
      errors.push({ field: 'birthDate', message: qt.dateInvalid[locale] });
    if (values.phone && !/^\+7\d{10}$/.test(values.phone))
      errors.push({ field: 'phone', message: qt.phoneInvalid[locale] });
    if (!(categories as readonly string[]).includes(values.category))
      errors.push({ field: 'category', message: qt.fieldRequired[locale] });
    if (kindergartens.length < 1 || kindergartens.length > 3)
      errors.push({ field: 'kindergarten', message: qt.chooseKindergarten[locale] });
    if (!['kk', 'ru'].includes(values.language))
      errors.push({ field: 'language', message: qt.fieldRequired[locale] });
    if (!dayPattern.test(values.desiredStart))
      errors.push({ field: 'desiredStart', message: qt.dateInvalid[locale] });
    const [region, district] = values.district.split('/');
    if (!region || !district)
      errors.push({ field: 'kindergarten', message: qt.chooseKindergarten[locale] });
    if (errors.length > 0) return refuse(values, errors, 422, kept);
    try {
      const slip = await registerChild(queueServicesOf(c.get('deps').applications), user.iin, {
        region: region!,
        district: district!,
        childIin: values.childIin,
        birthDate: values.birthDate,
        ...(values.phone ? { phone: values.phone } : {}),
        category: values.category as (typeof categories)[number],
        preferred: kindergartens,
        language: values.language,
        specialNeeds: values.specialNeeds || null,
        desiredStart: values.desiredStart,
      });
      return c.redirect(`/cabinet/queue?registered=${encodeURIComponent(slip.number)}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.conflict)
        return refuse(
          values,
          [{ field: 'childIin', message: qt.childAlreadyQueued[locale] }],
          409,
          kept,
        );
      if (error.code === ErrorCode.validationFailed || error.code === ErrorCode.notFound)
        return refuse(
          values,
          [{ field: 'kindergarten', message: qt.chooseKindergarten[locale] }],
          422,
          kept,
        );
      throw error;
    }
  },
});
