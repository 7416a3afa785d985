import type { getCalendarYear } from '../../../features/admin/get-calendar-year.js';
import type { listRegulationVersions } from '../../../features/admin/list-regulation-versions.js';
import { NameIn, StatusTag, Table } from '../components.js';
import { Page, type PageContext } from '../layout.js';
import { formatDate } from '../messages.js';
import { adminNav, ScopeLine } from './organisation-pages.js';
import { regionName } from '../vocabulary-labels.js';
import { dayKindLabels, monthNames, text } from './texts.js';

const civil = (date: string, locale: PageContext['locale']) =>
  formatDate(new Date(`${date}T12:00:00+05:00`), locale);

/** `/admin/regulations`: the versions of every service's regulation per region. */
export function RegulationsPage(props: {
  ctx: PageContext;
  regionCode: string | undefined;
  listing: ReturnType<typeof listRegulationVersions>;
}) {
  const { ctx, listing } = props;
  const { locale } = ctx;
  const diagramLanguage = locale === 'kk' ? 'kk' : 'ru';
  return (
    <Page ctx={ctx} title={text.regulations[locale]} nav={adminNav} current="/admin/regulations">
      <h1>{text.regulations[locale]}</h1>
      <ScopeLine regionCode={props.regionCode} ctx={ctx} />
      <p>
        {text.today[locale]}: {civil(listing.today, locale)}
      </p>
      {listing.broken.length > 0 ? (
        <section aria-labelledby="broken-regulations" class="notice warn" id="broken">
          <h2 id="broken-regulations">{text.brokenRegulations[locale]}</h2>
          <p>{text.brokenRegulationsHint[locale]}</p>
          <Table class="broken-regulations" headings={[text.file[locale], text.firstError[locale]]}>
            {listing.broken.map((file) => (
              <tr data-file={file.file}>
                <th scope="row">
                  <code>{file.file}</code>
                </th>
                <td>{file.firstError}</td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
      {listing.regions.map((region) => (
        <section aria-labelledby={`region-${region.region}`}>
          <h2 id={`region-${region.region}`}>
            {regionName(ctx.vocabulary, region.region)[locale]}
          </h2>
          <Table
            class="regulations"
            data={{ 'data-region': region.region }}
            headings={[
              text.service[locale],
              text.issuer[locale],
              text.effectiveFrom[locale],
              text.effectiveTo[locale],
              text.state[locale],
              text.diagram[locale],
            ]}
          >
            {region.versions.map((version) => (
              <tr data-regulation-id={version.id}>
                <th scope="row">
                  <NameIn name={version.name} locale={locale} /> <code>{version.id}</code>
                </th>
                <td>
                  {version.isNational
                    ? text.national[locale]
                    : regionName(ctx.vocabulary, version.issuer)[locale]}
                </td>
                <td>{civil(version.effectiveFrom, locale)}</td>
                <td>{version.effectiveTo ? civil(version.effectiveTo, locale) : '—'}</td>
                <td>
                  <StatusTag
                    tone={version.isInForce ? 'on-time' : 'neutral'}
                    label={version.isInForce ? text.inForce[locale] : text.notInForce[locale]}
                  />
                </td>
                <td>
                  <a
                    href={`/admin/regulations/${encodeURIComponent(version.id)}/diagram.svg?diagram=${diagramLanguage}`}
                  >
                    {text.diagram[locale]}
                    <span class="visually-hidden"> {version.id}</span>
                  </a>
                </td>
              </tr>
            ))}
          </Table>
        </section>
      ))}
    </Page>
  );
}

/** `/admin/calendar?year=`: the production calendar of a year with its legal sources. */
export function CalendarPage(props: {
  ctx: PageContext;
  year: ReturnType<typeof getCalendarYear>;
}) {
  const { ctx, year } = props;
  const { locale } = ctx;
  const title = `${text.calendar[locale]} ${year.year}`;
  const sourceTitle = new Map(year.sources.map((source) => [source.id, source]));
  return (
    <Page ctx={ctx} title={title} nav={adminNav} current="/admin/calendar">
      <h1>{title}</h1>
      <form method="get" action="/admin/calendar" class="inline-form">
        <label for="year">{text.year[locale]}</label>{' '}
        <select id="year" name="year">
          {Array.from({ length: year.lastYear - year.firstYear + 1 }, (_, index) => {
            const option = year.firstYear + index;
            return (
              <option value={String(option)} selected={option === year.year}>
                {option}
              </option>
            );
          })}
        </select>{' '}
        <button type="submit" class="secondary">
          {text.show[locale]}
        </button>
      </form>
      <h2>{text.listedDays[locale]}</h2>
      <Table
        id="listed-days"
        headings={[
          text.date[locale],
          text.name[locale],
          text.dayKind[locale],
          text.sources[locale],
        ]}
      >
        {year.days.map((day) => (
          <tr>
            <th scope="row">
              <time datetime={day.date}>{civil(day.date, locale)}</time>
            </th>
            <td>{day.name[locale]}</td>
            <td>{dayKindLabels[day.kind][locale]}</td>
            <td>{day.sources.map((id) => sourceTitle.get(id)?.title ?? id).join('; ')}</td>
          </tr>
        ))}
      </Table>
      <h2>{text.daysOffOfMonth[locale]}</h2>
      <Table id="days-off" headings={[text.month[locale], text.daysOffOfMonth[locale]]}>
        {year.months.map((month) => (
          <tr>
            <th scope="row">{monthNames[locale][month.month - 1]}</th>
            <td>
              {month.days
                .filter((day) => day.isDayOff)
                .map((day) => String(day.day))
                .join(', ')}
            </td>
          </tr>
        ))}
      </Table>
      <h2>{text.sources[locale]}</h2>
      <ul id="calendar-sources">
        {year.sources.map((source) => (
          <li>
            {source.url ? <a href={source.url}>{source.title}</a> : source.title} (
            {source.verified ? text.verified[locale] : text.unverified[locale]})
          </li>
        ))}
      </ul>
      {year.notes.length > 0 ? (
        <>
          <h2>{text.notes[locale]}</h2>
          <ul>
            {year.notes.map((note) => (
              // The calendar's notes are the maintainers' own, written in English.
              <li lang="en">{note}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
