import type { QueueEntry } from '../../../features/kindergarten/list-vacancy-queue.js';
import type { LocalizedText } from '../../../domain/shared/locale.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  Page,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { backOfficeNav, Due } from './components.js';

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

/** The provider's kindergarten queue and the form to declare free places. */
export function VacancyPage(props: {
  ctx: PageContext;
  queue: readonly QueueEntry[];
  idempotencyKey: string;
  values?: { places: string; ageYears: string };
  errors?: readonly FormError[];
  offered?: string | undefined;
  /** The organisation's zone, for the waiting-since times. */
  timeZone: string;
}) {
  const { ctx } = props;
  const locale = ctx.locale;
  const errors = props.errors ?? [];
  const placesError = errors.find((error) => error.field === 'vacancy-places')?.message;
  return (
    <Page ctx={ctx} title={vq.title[locale]} nav={backOfficeNav} current="/back-office/queue">
      <h1>{vq.title[locale]}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {props.offered !== undefined ? (
        <Notice tone="ok" role="status">
          <p id="vacancy-offered">
            {vq.offered[locale]} {props.offered || '—'}
          </p>
        </Notice>
      ) : null}
      <p class="lead">{vq.lead[locale]}</p>
      <form method="post" action="/back-office/queue" id="vacancy-form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <fieldset>
          <legend>{vq.declare[locale]}</legend>
          <TextField
            id="vacancy-places"
            name="places"
            label={vq.places[locale]}
            type="number"
            inputmode="numeric"
            required
            value={props.values?.places ?? ''}
            {...(placesError ? { error: placesError } : {})}
          />
          <div class="field">
            <label for="vacancy-age">{vq.ageGroup[locale]}</label>
            <select id="vacancy-age" name="ageYears">
              <option value="">{vq.anyAge[locale]}</option>
              {[0, 1, 2, 3, 4, 5, 6].map((age) => (
                <option value={String(age)} selected={props.values?.ageYears === String(age)}>
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
      <h2 id="queue-title">{vq.queue[locale]}</h2>
      {props.queue.length === 0 ? (
        <p>{vq.empty[locale]}</p>
      ) : (
        <div class="table-wrap">
          <table id="vacancy-queue" aria-labelledby="queue-title">
            <thead>
              <tr>
                <th scope="col">{vq.position[locale]}</th>
                <th scope="col">{vq.number[locale]}</th>
                <th scope="col">{vq.waitingSince[locale]}</th>
                <th scope="col">{vq.age[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {props.queue.map((entry) => (
                <tr data-number={entry.number} data-position={String(entry.position)}>
                  <td>{entry.position}</td>
                  <td>
                    <a href={`/back-office/applications/${entry.applicationId}`}>{entry.number}</a>
                  </td>
                  <td>
                    <Due at={entry.waitingSince} locale={locale} timeZone={props.timeZone} />
                  </td>
                  <td>{entry.ageYears ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
