import type { LocalizedText } from '../../domain/shared/locale.js';
import {
  findApplications,
  findApplicationsMaxLength,
  type FoundApplications,
} from '../../features/applications/find-applications.js';
import type { SignedInUser } from '../../features/identity/signed-in-user.js';
import { DueTime, RowsTable } from './components.js';
import { ErrorSummary, TextField, type PageContext } from './layout.js';
import type { WebContext } from './web-env.js';

/**
 * The search by application number or applicant IIN that the front office and the back office
 * share (issue 18, point 7): a GET form (bookmarkable, no state change), the results as a table
 * linking to the workspace's own application page. The search itself is
 * `features/applications/find-applications.ts` (the organisation's applications only, audited).
 */

export const searchTexts = {
  title: {
    kk: 'Өтінішті іздеу',
    ru: 'Поиск заявления',
    en: 'Find an application',
  },
  menu: { kk: 'Іздеу', ru: 'Поиск', en: 'Search' },
  label: {
    kk: 'Өтініш нөмірі немесе алушының ЖСН',
    ru: 'Номер заявления или ИИН услугополучателя',
    en: 'Application number or applicant IIN',
  },
  hint: {
    kk: 'Мысалы, 2026-0000123 немесе 850412412016. Тек сіздің ұйымыңыздың өтініштері.',
    ru: 'Например, 2026-0000123 или 850412412016. Только заявления вашей организации.',
    en: 'E.g. 2026-0000123 or 850412412016. Only your organisation’s applications.',
  },
  submit: { kk: 'Іздеу', ru: 'Найти', en: 'Search' },
  results: { kk: 'Табылған өтініштер', ru: 'Найденные заявления', en: 'Applications found' },
  none: {
    kk: 'Сіздің ұйымыңызда мұндай өтініш табылмады.',
    ru: 'В вашей организации таких заявлений не найдено.',
    en: 'No such application in your organisation.',
  },
  more: {
    kk: 'Тек ең соңғы 50 өтініш көрсетілген.',
    ru: 'Показаны только 50 последних заявлений.',
    en: 'Only the 50 most recent applications are shown.',
  },
  number: { kk: 'Нөмірі', ru: 'Номер', en: 'Number' },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  status: { kk: 'Мәртебесі', ru: 'Статус', en: 'Status' },
  applicant: { kk: 'Алушының ЖСН', ru: 'ИИН услугополучателя', en: 'Applicant IIN' },
  submitted: { kk: 'Берілген уақыты', ru: 'Подано', en: 'Submitted' },
} as const satisfies Record<string, LocalizedText>;

/** What a search page shows: the text typed and what it found. */
export interface SearchData {
  readonly text: string;
  readonly found: FoundApplications;
}

/** Runs the search of the query string's `q` for the signed-in staff member. */
export async function loadSearch(
  c: WebContext,
  user: SignedInUser & { kind: 'staff' },
): Promise<SearchData> {
  const text = c.req.query('q') ?? '';
  return {
    text: text.slice(0, findApplicationsMaxLength * 4),
    found: await findApplications(c.get('deps').applications, user.principal, { text }),
  };
}

/** A text that is neither a number nor a valid IIN is shown on the field (422). */
export const searchStatus = (data: SearchData) => (data.found.kind === 'invalid' ? 422 : 200);

/** The search form and its results. */
export function ApplicationSearch(props: {
  ctx: PageContext;
  data: SearchData;
  action: string;
  /** The workspace's page of an application. */
  hrefOf: (id: string) => string;
}) {
  const { ctx, data } = props;
  const locale = ctx.locale;
  const error = data.found.kind === 'invalid' ? data.found.message[locale] : undefined;
  return (
    <>
      <ErrorSummary ctx={ctx} errors={error ? [{ field: 'search-text', message: error }] : []} />
      <form method="get" action={props.action} role="search" class="filters" id="search-form">
        <TextField
          id="search-text"
          name="q"
          type="search"
          label={searchTexts.label[locale]}
          hint={searchTexts.hint[locale]}
          value={data.text}
          maxlength={findApplicationsMaxLength}
          autocomplete="off"
          {...(error ? { error } : {})}
        />
        <div class="actions">
          <button type="submit">{searchTexts.submit[locale]}</button>
        </div>
      </form>
      {data.found.kind === 'number' || data.found.kind === 'applicant' ? (
        <section aria-labelledby="search-results-title">
          <h2 id="search-results-title">{searchTexts.results[locale]}</h2>
          <RowsTable
            id="search-results"
            caption={searchTexts.results[locale]}
            captionHidden
            headings={[
              searchTexts.number[locale],
              searchTexts.service[locale],
              searchTexts.status[locale],
              searchTexts.applicant[locale],
              searchTexts.submitted[locale],
            ]}
            rows={data.found.items}
            empty={searchTexts.none[locale]}
            row={(item) => (
              <tr data-application={item.id} data-number={item.number}>
                <td>
                  <a href={props.hrefOf(item.id)}>{item.number}</a>
                </td>
                <td>{ctx.vocabulary.findService(item.serviceCode)?.name[locale] ?? '—'}</td>
                <td>{item.statusLabel[locale]}</td>
                <td>{item.applicantIin}</td>
                <td>
                  <DueTime at={item.submittedAt} />
                </td>
              </tr>
            )}
          />
          {data.found.hasMore ? <p class="hint">{searchTexts.more[locale]}</p> : null}
        </section>
      ) : null}
    </>
  );
}
