import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../../domain/shared/locale.js';
import { declareVacancies } from '../../../features/kindergarten/declare-vacancies.js';
import {
  listVacancyQueue,
  vacancyRoles,
  type QueueEntry,
} from '../../../features/kindergarten/list-vacancy-queue.js';
import type { SignedInUser } from '../../../features/identity/signed-in-user.js';
import { errorTable } from '../../error-table.js';
import { DueTime, RowsTable } from '../components.js';
import { errorOf, readForm } from '../form.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  Page,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { definePage, refuse, type FormState, type Refusal } from '../page.js';
import { requireStaff } from '../page-context.js';
import type { WebContext } from '../web-env.js';
import { backOfficeNav } from './components.js';
import { zoneOf } from './step-names.js';

/** The texts of the kindergarten queue page. */
export const vq = {
  title: {
    kk: 'Балабақшаға кезек және бос орындар',
    ru: 'Очередь в детские сады и свободные места',
    en: 'Kindergarten queue and free places',
  },
  lead: {
    kk: 'Бос орындарды жариялаңыз: орындар кезек ретімен алғашқы өтініштерге ұсынылады.',
    ru: 'Объявите свободные места: они предлагаются первым заявлениям в порядке очереди.',
    en: 'Declare free places: they are offered to the first applications in queue order.',
  },
  declare: {
    kk: 'Бос орындарды жариялау',
    ru: 'Объявить свободные места',
    en: 'Declare free places',
  },
  places: { kk: 'Бос орындар саны', ru: 'Количество свободных мест', en: 'Number of free places' },
  placesError: {
    kk: 'Орындар санын 1-ден 500-ге дейін енгізіңіз',
    ru: 'Укажите количество мест от 1 до 500',
    en: 'Enter a number of places from 1 to 500',
  },
  ageGroup: { kk: 'Жас тобы', ru: 'Возрастная группа', en: 'Age group' },
  anyAge: { kk: 'Кез келген жас', ru: 'Любой возраст', en: 'Any age' },
  years: { kk: 'жас', ru: 'лет (полных)', en: 'years' },
  queue: { kk: 'Кезек', ru: 'Очередь', en: 'Queue' },
  position: { kk: 'Орны', ru: 'Позиция', en: 'Position' },
  number: { kk: 'Өтініш нөмірі', ru: 'Номер заявления', en: 'Application number' },
  waitingSince: { kk: 'Кезекте (бастап)', ru: 'В очереди с', en: 'Waiting since' },
  age: { kk: 'Баланың жасы', ru: 'Возраст ребёнка', en: 'Child’s age' },
  empty: { kk: 'Кезекте ешкім жоқ.', ru: 'В очереди никого нет.', en: 'Nobody is waiting.' },
  offered: {
    kk: 'Орын ұсынылған өтініштер саны:',
    ru: 'Место предложено заявлениям:',
    en: 'Places offered to applications:',
  },
} satisfies Record<string, LocalizedText>;

function DeclareForm(props: { ctx: PageContext; form: FormState }) {
  const locale = props.ctx.locale;
  const ctx = props.ctx;
  const placesError = errorOf(props.form.errors, 'vacancy-places');
  return (
    <form method="post" action="/back-office/queue" id="vacancy-form" novalidate>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="idempotencyKey" value={randomUUID()} />
      <fieldset>
        <legend>{vq.declare[locale]}</legend>
        <TextField
          id="vacancy-places"
          name="places"
          label={vq.places[locale]}
          type="number"
          inputmode="numeric"
          required
          value={props.form.values.places ?? ''}
          {...(placesError ? { error: placesError } : {})}
        />
        <div class="field">
          <label for="vacancy-age">{vq.ageGroup[locale]}</label>
          <select id="vacancy-age" name="ageYears">
            <option value="">{vq.anyAge[locale]}</option>
            {[0, 1, 2, 3, 4, 5, 6].map((age) => (
              <option value={String(age)} selected={props.form.values.ageYears === String(age)}>
                {age} {vq.years[locale]}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{vq.declare[locale]}</button>
        </div>
      </fieldset>
    </form>
  );
}

function QueueRow(props: { entry: QueueEntry; timeZone: string }) {
  const { entry } = props;
  return (
    <tr data-number={entry.number} data-position={String(entry.position)}>
      <td>{entry.position}</td>
      <td>
        <a href={`/back-office/applications/${entry.applicationId}`}>{entry.number}</a>
      </td>
      <td>
        <DueTime at={entry.waitingSince} timeZone={props.timeZone} />
      </td>
      <td>{entry.ageYears ?? '—'}</td>
    </tr>
  );
}

/** Declares free places: checked here, then offered by the engine to the first in the queue. */
async function declare(
  c: WebContext,
  user: SignedInUser & { kind: 'staff' },
): Promise<Response | Refusal> {
  const locale = c.get('locale');
  const posted = await readForm(c);
  const values = {
    places: posted.field('places').trim(),
    ageYears: posted.field('ageYears').trim(),
  };
  const places = Number(values.places);
  const ageYears = values.ageYears === '' ? undefined : Number(values.ageYears);
  const errors: FormError[] = [];
  if (!/^\d{1,3}$/.test(values.places) || places < 1 || places > 500)
    errors.push({ field: 'vacancy-places', message: vq.placesError[locale] });
  if (ageYears !== undefined && !(Number.isInteger(ageYears) && ageYears >= 0 && ageYears <= 6))
    errors.push({ field: 'vacancy-age', message: errorTable.validation_failed.message[locale] });
  if (errors.length > 0) return refuse(values, errors);
  try {
    const result = await declareVacancies(c.get('deps').applications, user.principal, {
      idempotencyKey: posted.field('idempotencyKey').trim(),
      places,
      ...(ageYears !== undefined ? { ageYears } : {}),
    });
    const numbers = result.offered.map((entry) => entry.number).join(', ');
    return c.redirect(`/back-office/queue?offered=${encodeURIComponent(numbers)}`, 303);
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.validationFailed) {
      const message = errorTable.validation_failed.message[locale];
      return refuse(values, [{ field: 'vacancy-places', message }]);
    }
    if (error instanceof DomainError && error.code === ErrorCode.conflict) {
      const message = errorTable.conflict.message[locale];
      return refuse(values, [{ field: 'vacancy-places', message }], 409);
    }
    throw error;
  }
}

/**
 * /back-office/queue: the provider's kindergarten queue (position, waiting since, age) and the
 * declaration of free places, which offers them to the first in the queue (issue 9).
 */
export const vacancyPage = definePage({
  path: '/back-office/queue',
  guard: (c) => requireStaff(c, vacancyRoles),
  load: async (c, user) => {
    const services = c.get('deps').applications;
    return {
      queue: await listVacancyQueue(services, user.principal),
      timeZone: await zoneOf(services, user.principal),
      offered: c.req.method === 'GET' ? c.req.query('offered') : undefined,
    };
  },
  View: ({ ctx, data: { queue, timeZone, offered }, form }) => {
    const locale = ctx.locale;
    return (
      <Page ctx={ctx} title={vq.title[locale]} nav={backOfficeNav} current="/back-office/queue">
        <h1>{vq.title[locale]}</h1>
        <ErrorSummary ctx={ctx} errors={form.errors} />
        {offered !== undefined ? (
          <Notice tone="ok" role="status">
            <p id="vacancy-offered">
              {vq.offered[locale]} {offered || '—'}
            </p>
          </Notice>
        ) : null}
        <p class="lead">{vq.lead[locale]}</p>
        <DeclareForm ctx={ctx} form={form} />
        <h2 id="queue-title">{vq.queue[locale]}</h2>
        <RowsTable
          id="vacancy-queue"
          labelledBy="queue-title"
          headings={[
            vq.position[locale],
            vq.number[locale],
            vq.waitingSince[locale],
            vq.age[locale],
          ]}
          rows={queue}
          empty={vq.empty[locale]}
          row={(entry) => <QueueRow entry={entry} timeZone={timeZone} />}
        />
      </Page>
    );
  },
  action: declare,
});
