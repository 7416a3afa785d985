import type { Child } from 'hono/jsx';
import type { Locale } from '../../../domain/shared/locale.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import type { Indicator } from '../../../features/deadlines/deadline-indicator.js';
import type { FrontOfficeRow } from '../../../features/front-office/get-front-office-dashboard.js';
import type {
  FrontOfficeContext,
  FrontOfficeStaff,
} from '../../../features/front-office/front-office-context.js';
import type { SignedInUser } from '../../../features/identity/signed-in-user.js';
import type { RegistryGateway } from '../../../integrations/registries.js';
import { searchTexts } from '../application-search.js';
import { DueTime, NameIn, RowsTable, StatusTag } from '../components.js';
import { Page, type NavItem, type PageContext } from '../layout.js';
import type { WebContext } from '../web-env.js';
import { fo } from './texts.js';

/** The front office's menu. */
export const frontOfficeNav: readonly NavItem[] = [
  { href: '/front-office', label: fo.dashboard },
  { href: '/front-office/applications/new', label: fo.newApplication },
  { href: '/front-office/registers', label: fo.registers },
  { href: '/front-office/home-visits', label: fo.homeVisits },
  { href: '/front-office/search', label: searchTexts.menu },
];

/** Roles that work in the front office. */
export const frontOfficeRoles = [StaffRole.frontOfficeOperator, StaffRole.courier] as const;

/** A page of the front office: the frame with the workspace menu. */
export function FoPage(props: {
  ctx: PageContext;
  title: string;
  current?: string;
  children?: Child;
  scripts?: readonly string[];
}) {
  const isFrontOffice =
    props.ctx.user?.kind === 'staff' &&
    props.ctx.user.roles.some((role) => (frontOfficeRoles as readonly string[]).includes(role));
  return (
    <Page
      ctx={props.ctx}
      title={props.title}
      nav={isFrontOffice ? frontOfficeNav : []}
      current={props.current}
      {...(props.scripts ? { scripts: props.scripts } : {})}
    >
      {props.children}
    </Page>
  );
}

const indicatorText = {
  on_time: fo.onTime,
  warning: fo.warning,
  overdue: fo.overdue,
  suspended: fo.suspended,
  none: fo.noDue,
} as const;
const indicatorTone = {
  on_time: 'on-time',
  warning: 'warning',
  overdue: 'overdue',
  suspended: 'neutral',
  none: 'neutral',
} as const;

/** The on time / warning / overdue tag. */
export function DeadlineTag(props: { indicator: Indicator; locale: Locale }) {
  return (
    <StatusTag
      tone={indicatorTone[props.indicator]}
      label={indicatorText[props.indicator][props.locale]}
      indicator={props.indicator}
    />
  );
}

/** A table of applications with their dues and indicators. */
export function ApplicationTable(props: {
  caption: string;
  rows: readonly FrontOfficeRow[];
  locale: Locale;
  extra?: { heading: string; cell: (row: FrontOfficeRow) => Child }[];
}) {
  const { locale } = props;
  const extra = props.extra ?? [];
  return (
    <section>
      <h2>{props.caption}</h2>
      <RowsTable
        headings={[
          fo.number[locale],
          fo.service[locale],
          fo.applicant[locale],
          fo.provider[locale],
          fo.status[locale],
          fo.due[locale],
          fo.deadline[locale],
          ...extra.map((column) => column.heading),
        ]}
        rows={props.rows}
        empty={fo.nothing[locale]}
        row={(row) => (
          <tr data-number={row.number}>
            <th scope="row">
              <a href={`/front-office/applications/${row.id}`}>{row.number}</a>
            </th>
            <td>
              <NameIn name={row.serviceName} locale={locale} />
            </td>
            <td>{row.applicantIin}</td>
            <td>
              <NameIn name={row.providerName} locale={locale} />
            </td>
            <td>{row.statusLabel[locale]}</td>
            <td class="due">
              <DueTime at={row.due} />
            </td>
            <td>
              <DeadlineTag indicator={row.indicator} locale={locale} />
            </td>
            {extra.map((column) => (
              <td>{column.cell(row)}</td>
            ))}
          </tr>
        )}
      />
    </section>
  );
}

/**
 * The registry gateway the front office uses: the application's (built at boot from
 * REGISTRY_GATEWAY_URL — the in-process simulator when unset — every call logged in
 * gateway_call).
 */
export function registryGatewayOf(c: WebContext): RegistryGateway {
  return c.get('deps').registries;
}

/** What the front-office features need from this request. */
export function frontOfficeContext(c: WebContext): FrontOfficeContext {
  const deps = c.get('deps');
  return {
    services: deps.applications,
    gateway: registryGatewayOf(c),
    pkiDirectory: deps.config.pki.directory,
    publicUrl: deps.config.http.publicUrl,
  };
}

/** The signed-in employee as the features take them. */
export function staffOf(user: SignedInUser & { kind: 'staff' }): FrontOfficeStaff {
  return {
    principal: user.principal,
    iin: user.iin,
    fullName: user.fullName,
    fullNameKk: user.fullNameKk,
  };
}
