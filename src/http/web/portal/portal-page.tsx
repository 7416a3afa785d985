import type { Child } from 'hono/jsx';
import { Page, type NavItem, type PageContext } from '../layout.js';
import { portalText } from './texts.js';

/** The portal's menu: services, status by number, the cabinet (or sign-in). */
export function portalNav(ctx: PageContext): NavItem[] {
  return [
    { href: '/services', label: portalText.services },
    { href: '/status', label: portalText.status },
    ctx.user?.kind === 'citizen'
      ? { href: '/cabinet', label: portalText.account }
      : { href: '/login', label: { kk: 'Кіру', ru: 'Войти', en: 'Sign in' } },
  ];
}

/** A portal page: the common frame with the portal's menu. */
export function PortalPage(props: {
  ctx: PageContext;
  title: string;
  current?: string;
  narrow?: boolean;
  scripts?: readonly string[];
  children?: Child;
}) {
  return (
    <Page
      ctx={props.ctx}
      title={props.title}
      nav={portalNav(props.ctx)}
      current={props.current}
      narrow={props.narrow}
      scripts={props.scripts}
    >
      {props.children}
    </Page>
  );
}

/**
 * A table of the portal in its scrolling wrapper: the column headings, then the rows. The
 * caption is for screen readers only, unless it is `visibleCaption`; `isBare` leaves out the
 * wrapper.
 */
export function Table(props: {
  id?: string;
  class?: string;
  caption?: string;
  visibleCaption?: string;
  headings: readonly Child[];
  isBare?: boolean;
  children?: Child;
}) {
  const table = (
    <table id={props.id} class={props.class}>
      {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
      {props.visibleCaption ? <caption>{props.visibleCaption}</caption> : null}
      <thead>
        <tr>
          {props.headings.map((heading) => (
            <th scope="col">{heading}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
  return props.isBare ? table : <div class="table-wrap">{table}</div>;
}
