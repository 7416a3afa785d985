import type { Child } from 'hono/jsx';
import type { Locale } from '../../../domain/shared/locale.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import type { Indicator } from '../../../features/front-office/deadline-indicator.js';
import type { FrontOfficeRow } from '../../../features/front-office/get-front-office-dashboard.js';
import type {
  FrontOfficeContext,
  FrontOfficeStaff,
} from '../../../features/front-office/front-office-context.js';
import type { SignedInUser } from '../../../features/web/signed-in-user.js';
import type { RegistryGateway } from '../../../integrations/registries.js';
import { Page, type NavItem, type PageContext } from '../layout.js';
import { formatDateTime, nameIn } from '../messages.js';
import type { WebContext } from '../web-env.js';
import { fo } from './texts.js';

/** The front office's menu. */
export const frontOfficeNav: readonly NavItem[] = [
  { href: '/front-office', label: fo.dashboard },
  { href: '/front-office/applications/new', label: fo.newApplication },
  { href: '/front-office/registers', label: fo.registers },
  { href: '/front-office/home-visits', label: fo.homeVisits },
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
const indicatorClass = {
  on_time: 'tag on-time',
  warning: 'tag warning',
  overdue: 'tag overdue',
  suspended: 'tag neutral',
  none: 'tag neutral',
} as const;

/** The on time / warning / overdue tag. */
export function DeadlineTag(props: { indicator: Indicator; locale: Locale }) {
  return (
    <span class={indicatorClass[props.indicator]} data-indicator={props.indicator}>
      {indicatorText[props.indicator][props.locale]}
    </span>
  );
}

/** A due time as printed everywhere in the front office (UTC+5). */
export function Due(props: { at: Date | null | undefined }) {
  if (!props.at) return <span>—</span>;
  return <time datetime={props.at.toISOString()}>{formatDateTime(props.at)}</time>;
}

/** A table of applications with their dues and indicators. */
export function ApplicationTable(props: {
  caption: string;
  rows: readonly FrontOfficeRow[];
  locale: Locale;
  extra?: { heading: string; cell: (row: FrontOfficeRow) => Child }[];
}) {
  const { locale } = props;
  if (props.rows.length === 0) {
    return (
      <section>
        <h2>{props.caption}</h2>
        <p>{fo.nothing[locale]}</p>
      </section>
    );
  }
  return (
    <section>
      <h2>{props.caption}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{fo.number[locale]}</th>
              <th scope="col">{fo.service[locale]}</th>
              <th scope="col">{fo.applicant[locale]}</th>
              <th scope="col">{fo.provider[locale]}</th>
              <th scope="col">{fo.status[locale]}</th>
              <th scope="col">{fo.due[locale]}</th>
              <th scope="col">{fo.deadline[locale]}</th>
              {(props.extra ?? []).map((column) => (
                <th scope="col">{column.heading}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr data-number={row.number}>
                <th scope="row">
                  <a href={`/front-office/applications/${row.id}`}>{row.number}</a>
                </th>
                <td>{nameIn(row.serviceName, locale)}</td>
                <td>{row.applicantIin}</td>
                <td>{nameIn(row.providerName, locale)}</td>
                <td>{row.statusLabel[locale]}</td>
                <td class="due">
                  <Due at={row.due} />
                </td>
                <td>
                  <DeadlineTag indicator={row.indicator} locale={locale} />
                </td>
                {(props.extra ?? []).map((column) => (
                  <td>{column.cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
  return { principal: user.principal, iin: user.iin, fullName: user.fullName };
}

/** A string field of a parsed form ('' when absent). */
export function formField(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}
