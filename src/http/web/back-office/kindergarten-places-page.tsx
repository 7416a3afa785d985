import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import { enrolChild } from '../../../features/preschool-queue/enrol-child.js';
import { publishPlaces } from '../../../features/preschool-queue/publish-places.js';
import {
  listOwnKindergartens,
  listOwnReferrals,
} from '../../../features/preschool-queue/queue-catalogue.js';
import { queueServicesOf } from '../../../features/preschool-queue/queue-services.js';
import { DueTime, RowsTable } from '../components.js';
import { readForm } from '../form.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  Page,
  SelectField,
  TextField,
  type PageContext,
} from '../layout.js';
import { definePage, refuse, type FormState } from '../page.js';
import { requireStaff } from '../page-context.js';
import { groupLabel, qt, storedName } from '../preschool-queue-texts.js';
import { backOfficeNav } from './components.js';

const placeRoles = [StaffRole.head, StaffRole.executor] as const;

/** The enrolment on a referral. */
function EnrolForm({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const locale = ctx.locale;
  const errorOn = (field: string) => form.errors.find((error) => error.field === field)?.message;
  return (
    <>
      <h2>{qt.enrolTitle[locale]}</h2>
      <form method="post" action="/back-office/kindergarten-places/enrol" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          id="referral"
          label={qt.referralNumber[locale]}
          hint={qt.referralFormat[locale]}
          maxlength={17}
          value={form.values.referral ?? ''}
          error={errorOn('referral')}
          required
        />
        <div class="actions">
          <button type="submit">{qt.enrol[locale]}</button>
        </div>
      </form>
    </>
  );
}

/** The referrals awaiting enrolment, each with its signed PDF (what the kindergarten checks). */
function ReferralsTable({
  ctx,
  referrals,
}: {
  ctx: PageContext;
  referrals: Awaited<ReturnType<typeof listOwnReferrals>>;
}) {
  const locale = ctx.locale;
  return (
    <>
      <h2 id="places-referrals">{qt.referralsAwaiting[locale]}</h2>
      <RowsTable
        id="kindergarten-referrals"
        labelledBy="places-referrals"
        headings={[
          qt.referralNumber[locale],
          qt.slipNumber[locale],
          qt.kindergarten[locale],
          qt.group[locale],
          qt.validUntil[locale],
          qt.referral[locale],
        ]}
        rows={referrals}
        empty={qt.noReferrals[locale]}
        row={(referral) => (
          <tr data-referral={referral.referralNumber}>
            <td>{referral.referralNumber}</td>
            <td>{referral.slipNumber}</td>
            <td>{storedName(referral.kindergartenName, locale)}</td>
            <td>{groupLabel(referral.group, locale)}</td>
            <td>
              <DueTime at={referral.validUntil} />
            </td>
            <td>
              {referral.documentId ? (
                <a href={`/documents/${referral.documentId}.pdf`}>{qt.referralPdf[locale]}</a>
              ) : (
                '—'
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}

/**
 * `/back-office/kindergarten-places`: the kindergarten's head or executor publishes free places
 * of a group (the district's allocation runs at once and offers them in queue order) and
 * enrols a child on a referral (`/enrol`).
 */
export const kindergartenPlacesPage = definePage({
  path: '/back-office/kindergarten-places',
  guard: (c) => requireStaff(c, placeRoles),
  load: async (c, user) => {
    const services = queueServicesOf(c.get('deps').applications);
    const [kindergartens, referrals] = await Promise.all([
      listOwnKindergartens(services, user.principal),
      listOwnReferrals(services, user.principal),
    ]);
    const offered = c.req.method === 'GET' ? c.req.query('offered') : undefined;
    return {
      kindergartens,
      referrals,
      offered: offered?.slice(0, 400),
      enrolled: c.req.method === 'GET' && c.req.query('enrolled') === '1',
      held: c.req.method === 'GET' && c.req.query('held') === '1',
    };
  },
  View: ({ ctx, data, form }) => {
    const locale = ctx.locale;
    const errorOn = (field: string) => form.errors.find((error) => error.field === field)?.message;
    const groups = data.kindergartens.flatMap((kindergarten) =>
      kindergarten.groups.map((group) => ({ kindergarten, group })),
    );
    return (
      <Page
        ctx={ctx}
        title={qt.placesTitle[locale]}
        nav={backOfficeNav}
        current="/back-office/kindergarten-places"
      >
        <h1>{qt.placesTitle[locale]}</h1>
        <ErrorSummary ctx={ctx} errors={form.errors} />
        {data.offered !== undefined ? (
          <Notice tone="ok" role="status">
            <p id="places-offered">
              {qt.published[locale]} {data.offered || '—'}
            </p>
          </Notice>
        ) : null}
        {data.held ? (
          <Notice tone="ok" role="status">
            <p id="places-held">{qt.heldForIntakeRound[locale]}</p>
          </Notice>
        ) : null}
        {data.enrolled ? (
          <Notice tone="ok" role="status">
            <p>{qt.enrolled[locale]}</p>
          </Notice>
        ) : null}
        <p class="lead">{qt.placesLead[locale]}</p>
        {groups.length === 0 ? (
          <p>{qt.noKindergartens[locale]}</p>
        ) : (
          <form
            method="post"
            action="/back-office/kindergarten-places"
            novalidate
            id="publish-form"
          >
            <CsrfField ctx={ctx} />
            <SelectField
              id="group"
              label={qt.group[locale]}
              value={form.values.group ?? ''}
              options={groups.map(({ kindergarten, group }) => ({
                value: group.id,
                label: `${storedName(kindergarten.name, locale)}: ${groupLabel(group, locale)}`,
              }))}
              error={errorOn('group')}
            />
            <TextField
              id="places"
              label={qt.places[locale]}
              type="number"
              inputmode="numeric"
              value={form.values.places ?? '1'}
              error={errorOn('places')}
              required
            />
            <div class="actions">
              <button type="submit">{qt.publish[locale]}</button>
            </div>
          </form>
        )}
        <h2 id="places-groups">{qt.group[locale]}</h2>
        <RowsTable
          id="kindergarten-groups"
          labelledBy="places-groups"
          headings={[
            qt.kindergarten[locale],
            qt.group[locale],
            qt.free[locale],
            qt.offeredCount[locale],
            qt.taken[locale],
          ]}
          rows={groups}
          empty={qt.noKindergartens[locale]}
          row={({ kindergarten, group }) => (
            <tr data-group={group.id}>
              <td>{storedName(kindergarten.name, locale)}</td>
              <td>{groupLabel(group, locale)}</td>
              <td>{group.free}</td>
              <td>{group.offered}</td>
              <td>{group.taken}</td>
            </tr>
          )}
        />
        <ReferralsTable ctx={ctx} referrals={data.referrals} />
        <EnrolForm ctx={ctx} form={form} />
      </Page>
    );
  },
  action: async (c, user) => {
    const locale = c.get('locale');
    const { field } = await readForm(c);
    const values = { group: field('group').trim().slice(0, 80), places: field('places').trim() };
    const places = Number(values.places);
    if (!/^\d{1,3}$/.test(values.places) || places < 1 || places > 100)
      return refuse(values, [{ field: 'places', message: qt.placesError[locale] }]);
    try {
      const run = await publishPlaces(queueServicesOf(c.get('deps').applications), user.principal, {
        groupId: values.group,
        places,
      });
      if (run.heldForIntakeRound) return c.redirect('/back-office/kindergarten-places?held=1', 303);
      const numbers = run.offered.map((entry) => entry.number).join(', ');
      return c.redirect(
        `/back-office/kindergarten-places?offered=${encodeURIComponent(numbers)}`,
        303,
      );
    } catch (error) {
      if (
        error instanceof DomainError &&
        (error.code === ErrorCode.notFound || error.code === ErrorCode.forbidden)
      )
        return refuse(values, [{ field: 'group', message: qt.fieldRequired[locale] }]);
      throw error;
    }
  },
  actions: {
    enrol: async (c, user) => {
      const locale = c.get('locale');
      const { field } = await readForm(c);
      const values = { referral: field('referral').trim().toUpperCase().slice(0, 24) };
      if (!/^N-\d{4}-\d{4}-\d{2}-\d{2}$/.test(values.referral))
        return refuse(values, [{ field: 'referral', message: qt.referralFormat[locale] }]);
      try {
        await enrolChild(
          queueServicesOf(c.get('deps').applications),
          user.principal,
          values.referral,
        );
        return c.redirect('/back-office/kindergarten-places?enrolled=1', 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.notFound)
          return refuse(values, [{ field: 'referral', message: qt.referralUnknown[locale] }], 422);
        if (error instanceof DomainError && error.code === ErrorCode.conflict)
          return refuse(values, [{ field: 'referral', message: qt.referralNotValid[locale] }], 409);
        throw error;
      }
    },
  },
});
