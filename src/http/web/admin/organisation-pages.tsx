import { staffNameIn } from '../../../domain/identity/staff-name.js';
import type { Locale } from '../../../domain/shared/locale.js';
import type { getAdministeredOrganisation } from '../../../features/admin/get-organisation.js';
import type { listAdministeredOrganisations } from '../../../features/admin/list-organisations.js';
import type { listAdministeredStaff } from '../../../features/admin/list-staff.js';
import { StaffRole, staffRoles } from '../../../domain/shared/roles.js';
import { NameIn, RowsTable, StatusTag, Table } from '../components.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  Page,
  TextField,
  type FormError,
  type NavItem,
  type PageContext,
} from '../layout.js';
import { nameIn, nameLang } from '../messages.js';
import { providerKindName, regionName } from '../vocabulary-labels.js';
import { roleLabels, text, weekdayNames } from './texts.js';
import { monitoringText } from './monitoring-texts.js';

/** A posted admin form refused: which form, the values kept and the errors on its fields. */
export interface AdminForm {
  readonly form: string;
  readonly values: Readonly<Record<string, string>>;
  readonly lists?: Readonly<Record<string, readonly string[]>>;
  readonly errors: readonly FormError[];
}

/** The administration's menu. */
export const adminNav: NavItem[] = [
  { href: '/admin', label: text.overview },
  { href: '/admin/organisations', label: text.organisations },
  { href: '/admin/staff', label: text.staff },
  { href: '/admin/regulations', label: text.regulations },
  { href: '/admin/calendar', label: text.calendar },
  { href: '/admin/monitoring', label: monitoringText.title },
];

/** Which region(s) this administrator sees. */
export function ScopeLine(props: { regionCode: string | undefined; ctx: PageContext }) {
  const { locale } = props.ctx;
  return (
    <p class="lead" id="admin-scope">
      {text.scopeRegion[locale]}:{' '}
      {props.regionCode
        ? regionName(props.ctx.vocabulary, props.regionCode)[locale]
        : text.allRegions[locale]}
    </p>
  );
}

const kindLabel = (ctx: PageContext, kind: string) =>
  providerKindName(ctx.vocabulary, kind)[ctx.locale];
const roleLabel = (role: string, locale: Locale) => roleLabels[role]?.[locale] ?? role;

/**
 * An organisation's address as page content: in the page's spelling (Kazakh on a Kazakh page,
 * Russian otherwise), the other one when only that is stored, marked with its language where it
 * is not the page's (issue 18, point 11); `none` when no address is stored.
 */
function AddressIn(props: {
  address: { kk: string | null; ru: string | null } | null;
  locale: Locale;
  none: string;
}) {
  const { address, locale } = props;
  const preferred = locale === 'kk' ? 'kk' : 'ru';
  const other = preferred === 'kk' ? 'ru' : 'kk';
  const spelling = address?.[preferred] ? preferred : address?.[other] ? other : undefined;
  if (!address || !spelling) return <>{props.none}</>;
  const value = address[spelling];
  return spelling === locale ? <>{value}</> : <span lang={spelling}>{value}</span>;
}

/** `/admin`: what the administration holds. */
export function OverviewPage(props: {
  ctx: PageContext;
  regionCode: string | undefined;
  counts: { organisations: number; staff: number };
}) {
  const { locale } = props.ctx;
  return (
    <Page ctx={props.ctx} title={text.admin[locale]} nav={adminNav} current="/admin">
      <h1>{text.admin[locale]}</h1>
      <ScopeLine regionCode={props.regionCode} ctx={props.ctx} />
      <ul class="cards">
        <li>
          <h2>
            <a href="/admin/organisations">{text.organisations[locale]}</a>
          </h2>
          <p>{props.counts.organisations}</p>
        </li>
        <li>
          <h2>
            <a href="/admin/staff">{text.staff[locale]}</a>
          </h2>
          <p>{props.counts.staff}</p>
        </li>
        <li>
          <h2>
            <a href="/admin/regulations">{text.regulations[locale]}</a>
          </h2>
        </li>
        <li>
          <h2>
            <a href="/admin/calendar">{text.calendar[locale]}</a>
          </h2>
        </li>
      </ul>
    </Page>
  );
}

/** `/admin/organisations`: the organisations of the region. */
export function OrganisationsPage(props: {
  ctx: PageContext;
  regionCode: string | undefined;
  organisations: Awaited<ReturnType<typeof listAdministeredOrganisations>>;
}) {
  const { locale } = props.ctx;
  return (
    <Page
      ctx={props.ctx}
      title={text.organisations[locale]}
      nav={adminNav}
      current="/admin/organisations"
    >
      <h1>{text.organisations[locale]}</h1>
      <ScopeLine regionCode={props.regionCode} ctx={props.ctx} />
      <Table
        id="organisations"
        headings={[
          text.name[locale],
          text.kind[locale],
          text.scopeRegion[locale],
          text.address[locale],
        ]}
      >
        {props.organisations.map((organisation) => (
          <tr data-organisation-id={organisation.id}>
            <th scope="row">
              <a href={`/admin/organisations/${encodeURIComponent(organisation.id)}`}>
                <NameIn name={organisation.name} locale={locale} />
              </a>
            </th>
            <td>{kindLabel(props.ctx, organisation.kind)}</td>
            <td>{regionName(props.ctx.vocabulary, organisation.regionCode)[locale]}</td>
            <td>
              <AddressIn address={organisation.address} locale={locale} none="—" />
            </td>
          </tr>
        ))}
      </Table>
    </Page>
  );
}

type Organisation = Awaited<ReturnType<typeof getAdministeredOrganisation>>;
type WeekHours = Organisation['schedule']['workingHours'];

function HoursTable(props: { caption: string; hours: WeekHours; locale: Locale }) {
  const { locale } = props;
  return (
    <table>
      <caption>{props.caption}</caption>
      <tbody>
        {(Object.keys(weekdayNames) as (keyof typeof weekdayNames)[]).map((day) => (
          <tr>
            <th scope="row">{weekdayNames[day][locale]}</th>
            <td>
              {props.hours[day].length === 0
                ? text.closed[locale]
                : props.hours[day].map((interval) => `${interval.from}–${interval.to}`).join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The form that changes a staff member's roles (checkboxes in a disclosure). */
function RolesForm(props: {
  ctx: PageContext;
  member: Organisation['staff'][number];
  grantable: readonly StaffRole[];
  organisationId: string;
  error: FormError | undefined;
}) {
  const { ctx, member, error } = props;
  const { locale } = ctx;
  const prefix = `roles-${member.id}`;
  return (
    <details class="roles-form" open={error ? true : undefined}>
      <summary>
        {text.changeRoles[locale]}
        <span class="visually-hidden"> {staffNameIn(member, locale)}</span>
      </summary>
      <form method="post" action={`/admin/staff/${member.id}/roles`}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="organisationId" value={props.organisationId} />
        <fieldset
          class={error ? 'field invalid' : 'field'}
          aria-describedby={error ? `${prefix}-error` : undefined}
        >
          <legend>
            {text.roles[locale]}: {staffNameIn(member, locale)}
          </legend>
          {error ? (
            <span class="error" id={`${prefix}-error`}>
              {error.message}
            </span>
          ) : null}
          {props.grantable.map((role) => (
            <div class="choice">
              <input
                type="checkbox"
                id={`${prefix}-${role}`}
                name="roles"
                value={role}
                checked={member.roles.includes(role)}
              />
              <label for={`${prefix}-${role}`}>{roleLabel(role, locale)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="secondary">
          {text.saveRoles[locale]}
          <span class="visually-hidden"> {staffNameIn(member, locale)}</span>
        </button>
      </form>
    </details>
  );
}

/** The form that corrects a staff member's name in both spellings (a disclosure). */
function NameForm(props: {
  ctx: PageContext;
  member: Organisation['staff'][number];
  organisationId: string;
  form: AdminForm | undefined;
}) {
  const { ctx, member } = props;
  const { locale } = ctx;
  const prefix = `name-${member.id}`;
  const posted = props.form?.form === prefix ? props.form : undefined;
  const errorOf = (field: string) =>
    posted?.errors.find((error) => error.field === `${prefix}-${field}`)?.message;
  return (
    <details class="name-form" open={posted ? true : undefined}>
      <summary>
        {text.correctName[locale]}
        <span class="visually-hidden"> {staffNameIn(member, locale)}</span>
      </summary>
      <form
        method="post"
        action={`/admin/organisations/${encodeURIComponent(props.organisationId)}/staff/${member.id}/name`}
        novalidate
      >
        <CsrfField ctx={ctx} />
        <TextField
          id={`${prefix}-fullName`}
          name="fullName"
          label={text.fullNameRu[locale]}
          value={posted?.values.fullName ?? member.fullName}
          error={errorOf('fullName')}
          maxlength={200}
          required
        />
        <TextField
          id={`${prefix}-fullNameKk`}
          name="fullNameKk"
          label={text.fullNameKk[locale]}
          value={posted?.values.fullNameKk ?? member.fullNameKk}
          error={errorOf('fullNameKk')}
          maxlength={200}
          required
        />
        <button type="submit" class="secondary">
          {text.saveName[locale]}
          <span class="visually-hidden"> {staffNameIn(member, locale)}</span>
        </button>
      </form>
    </details>
  );
}

/** The form that adds a staff member to the organisation: IIN, both spellings, roles. */
function AddStaffForm(props: {
  ctx: PageContext;
  organisationId: string;
  grantable: readonly StaffRole[];
  form: AdminForm | undefined;
}) {
  const { ctx } = props;
  const { locale } = ctx;
  const posted = props.form?.form === 'add-staff' ? props.form : undefined;
  const errorOf = (field: string) =>
    posted?.errors.find((error) => error.field === `add-staff-${field}`)?.message;
  const rolesError = errorOf('roles');
  return (
    <form
      method="post"
      action={`/admin/organisations/${encodeURIComponent(props.organisationId)}/staff`}
      id="add-staff"
      novalidate
    >
      <h2>{text.addStaff[locale]}</h2>
      <p class="hint">{text.addStaffHint[locale]}</p>
      <CsrfField ctx={ctx} />
      <TextField
        id="add-staff-iin"
        name="iin"
        label={text.iin[locale]}
        value={posted?.values.iin ?? ''}
        error={errorOf('iin')}
        inputmode="numeric"
        maxlength={12}
        required
      />
      <TextField
        id="add-staff-fullName"
        name="fullName"
        label={text.fullNameRu[locale]}
        value={posted?.values.fullName ?? ''}
        error={errorOf('fullName')}
        maxlength={200}
        required
      />
      <TextField
        id="add-staff-fullNameKk"
        name="fullNameKk"
        label={text.fullNameKk[locale]}
        value={posted?.values.fullNameKk ?? ''}
        error={errorOf('fullNameKk')}
        maxlength={200}
        required
      />
      <fieldset
        class={rolesError ? 'field invalid' : 'field'}
        id="add-staff-roles"
        tabindex={-1}
        aria-describedby={rolesError ? 'add-staff-roles-error' : undefined}
      >
        <legend>{text.roles[locale]}</legend>
        {rolesError ? (
          <span class="error" id="add-staff-roles-error">
            {rolesError}
          </span>
        ) : null}
        {props.grantable.map((role) => (
          <div class="choice">
            <input
              type="checkbox"
              id={`add-staff-role-${role}`}
              name="roles"
              value={role}
              checked={posted?.lists?.roles?.includes(role)}
            />
            <label for={`add-staff-role-${role}`}>{roleLabel(role, locale)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit">{text.addStaff[locale]}</button>
    </form>
  );
}

/** The roles an administrator may grant: every role, the system administrator's only by one. */
export function grantableRoles(isSystemAdministrator: boolean): StaffRole[] {
  return staffRoles.filter(
    (role) => isSystemAdministrator || role !== StaffRole.systemAdministrator,
  );
}

/** The staff table (the region's, or one organisation's), with activation forms. */
function StaffTable(props: {
  ctx: PageContext;
  staff: Organisation['staff'];
  showOrganisation: boolean;
  selfId: string | undefined;
  /** Show the role forms (the organisation's page), with the roles that may be granted. */
  roleForms?: {
    grantable: readonly StaffRole[];
    organisationId: string;
    error?: FormError;
    form?: AdminForm;
  };
}) {
  const { locale } = props.ctx;
  return (
    <RowsTable
      id="staff"
      headings={[
        text.fullName[locale],
        text.iin[locale],
        ...(props.showOrganisation ? [text.organisations[locale]] : []),
        text.roles[locale],
        text.state[locale],
      ]}
      rows={props.staff}
      empty={text.noStaff[locale]}
      row={(member) => (
        <tr data-staff-id={member.id}>
          <th scope="row">{staffNameIn(member, locale)}</th>
          <td>{member.iin}</td>
          {props.showOrganisation ? (
            <td>
              <a href={`/admin/organisations/${encodeURIComponent(member.organisationId)}`}>
                <NameIn
                  name={{ kk: member.organisationNameKk, ru: member.organisationNameRu }}
                  locale={locale}
                />
              </a>
              {member.organisationAddressKk || member.organisationAddressRu ? (
                <>
                  <br />
                  <span class="hint organisation-address">
                    <AddressIn
                      address={{
                        kk: member.organisationAddressKk,
                        ru: member.organisationAddressRu,
                      }}
                      locale={locale}
                      none=""
                    />
                  </span>
                </>
              ) : null}
            </td>
          ) : null}
          <td class="roles">{member.roles.map((role) => roleLabel(role, locale)).join(', ')}</td>
          <td>
            <StatusTag
              tone={member.isActive ? 'on-time' : 'neutral'}
              label={member.isActive ? text.active[locale] : text.inactive[locale]}
            />
            {props.roleForms ? (
              <NameForm
                ctx={props.ctx}
                member={member}
                organisationId={props.roleForms.organisationId}
                form={props.roleForms.form}
              />
            ) : null}
            {props.roleForms && member.id !== props.selfId ? (
              <RolesForm
                ctx={props.ctx}
                member={member}
                grantable={props.roleForms.grantable}
                organisationId={props.roleForms.organisationId}
                error={
                  props.roleForms.error?.field.startsWith(`roles-${member.id}`)
                    ? props.roleForms.error
                    : undefined
                }
              />
            ) : null}
            {member.id === props.selfId ? null : (
              <form method="post" action={`/admin/staff/${member.id}/active`} class="inline-form">
                <CsrfField ctx={props.ctx} />
                <input type="hidden" name="isActive" value={member.isActive ? 'false' : 'true'} />
                <button type="submit" class="secondary">
                  {member.isActive ? text.deactivate[locale] : text.activate[locale]}
                  <span class="visually-hidden"> {staffNameIn(member, locale)}</span>
                </button>
              </form>
            )}
          </td>
        </tr>
      )}
    />
  );
}

/** The organisation's facts: id, kind, region, parent, address, contacts, BIN, zone, source. */
function OrganisationFacts(props: { ctx: PageContext; organisation: Organisation }) {
  const { ctx, organisation } = props;
  const { locale } = ctx;
  const orNot = (value: string | null) => value ?? text.notSet[locale];
  return (
    <dl class="facts">
      <dt>{text.id[locale]}</dt>
      <dd>
        <code>{organisation.id}</code>
      </dd>
      <dt>{text.kind[locale]}</dt>
      <dd id="organisation-kind">{kindLabel(props.ctx, organisation.kind)}</dd>
      <dt>{text.scopeRegion[locale]}</dt>
      <dd>{regionName(props.ctx.vocabulary, organisation.regionCode)[locale]}</dd>
      <dt>{text.parent[locale]}</dt>
      <dd>
        {organisation.parent ? (
          <>
            <a href={`/admin/organisations/${encodeURIComponent(organisation.parent.id)}`}>
              <NameIn name={organisation.parent.name} locale={locale} />
            </a>
            {organisation.parent.address.kk || organisation.parent.address.ru ? (
              <>
                <br />
                <span class="hint organisation-address">
                  <AddressIn address={organisation.parent.address} locale={locale} none="" />
                </span>
              </>
            ) : null}
          </>
        ) : (
          '—'
        )}
      </dd>
      <dt>{text.address[locale]}</dt>
      <dd>
        <AddressIn address={organisation.address} locale={locale} none={text.notSet[locale]} />
      </dd>
      <dt>{text.phone[locale]}</dt>
      <dd>{orNot(organisation.phone)}</dd>
      <dt>{text.email[locale]}</dt>
      <dd>{orNot(organisation.email)}</dd>
      <dt>{text.bin[locale]}</dt>
      <dd>{orNot(organisation.bin)}</dd>
      <dt>{text.timeZone[locale]}</dt>
      <dd>{organisation.timeZone}</dd>
      <dt>{text.source[locale]}</dt>
      <dd>{orNot(organisation.source)}</dd>
    </dl>
  );
}

/** `/admin/organisations/:id`: one organisation with its schedule and staff. */
export function OrganisationPage(props: {
  ctx: PageContext;
  organisation: Organisation;
  roleError?: FormError;
  /** A refused add-staff or name form. */
  form?: AdminForm;
  done?: boolean;
}) {
  const { ctx, organisation } = props;
  const isSystemAdministrator =
    ctx.user?.kind === 'staff' && ctx.user.roles.includes(StaffRole.systemAdministrator);
  const { locale } = ctx;
  const title = nameIn(organisation.name, locale);
  return (
    <Page
      ctx={ctx}
      title={title}
      titleLang={nameLang(locale)}
      nav={adminNav}
      current="/admin/organisations"
    >
      <p>
        <a href="/admin/organisations">{text.organisations[locale]}</a>
      </p>
      <h1 lang={nameLang(locale)}>{title}</h1>
      <ErrorSummary
        ctx={ctx}
        errors={[...(props.roleError ? [props.roleError] : []), ...(props.form?.errors ?? [])]}
      />
      {props.done ? (
        <Notice tone="ok" role="status">
          <p>{text.changed[locale]}</p>
        </Notice>
      ) : null}
      <OrganisationFacts ctx={ctx} organisation={organisation} />
      <h2>{text.schedule[locale]}</h2>
      <p id="schedule-name">
        {organisation.schedule.name[locale]} (
        {organisation.isCustomSchedule
          ? text.customSchedule[locale]
          : text.standardSchedule[locale]}
        ){organisation.schedule.closedOnHolidays ? `. ${text.closedOnHolidays[locale]}.` : ''}
      </p>
      <HoursTable
        caption={text.workingHours[locale]}
        hours={organisation.schedule.workingHours}
        locale={locale}
      />
      {organisation.schedule.intakeHours ? (
        <HoursTable
          caption={text.intakeHours[locale]}
          hours={organisation.schedule.intakeHours}
          locale={locale}
        />
      ) : null}
      <h2>{text.staff[locale]}</h2>
      <StaffTable
        ctx={ctx}
        staff={organisation.staff}
        showOrganisation={false}
        selfId={ctx.user?.kind === 'staff' ? ctx.user.staffId : undefined}
        roleForms={{
          grantable: grantableRoles(isSystemAdministrator),
          organisationId: organisation.id,
          ...(props.roleError ? { error: props.roleError } : {}),
          ...(props.form ? { form: props.form } : {}),
        }}
      />
      <AddStaffForm
        ctx={ctx}
        organisationId={organisation.id}
        grantable={grantableRoles(isSystemAdministrator)}
        form={props.form}
      />
    </Page>
  );
}

/** `/admin/staff`: the staff of the region with their roles. */
export function StaffPage(props: {
  ctx: PageContext;
  regionCode: string | undefined;
  staff: Awaited<ReturnType<typeof listAdministeredStaff>>;
  done: boolean;
}) {
  const { ctx } = props;
  const { locale } = ctx;
  return (
    <Page ctx={ctx} title={text.staff[locale]} nav={adminNav} current="/admin/staff">
      <h1>{text.staff[locale]}</h1>
      <ScopeLine regionCode={props.regionCode} ctx={props.ctx} />
      {props.done ? (
        <Notice tone="ok" role="status">
          <p>{text.changed[locale]}</p>
        </Notice>
      ) : null}
      <StaffTable
        ctx={ctx}
        staff={props.staff}
        showOrganisation
        selfId={ctx.user?.kind === 'staff' ? ctx.user.staffId : undefined}
      />
    </Page>
  );
}
