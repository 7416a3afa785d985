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
  /** The title's language where it is not the page's (see `Page`). */
  titleLang?: string | undefined;
  current?: string;
  narrow?: boolean;
  scripts?: readonly string[];
  children?: Child;
}) {
  return (
    <Page
      ctx={props.ctx}
      title={props.title}
      titleLang={props.titleLang}
      nav={portalNav(props.ctx)}
      current={props.current}
      narrow={props.narrow}
      scripts={props.scripts}
    >
      {props.children}
    </Page>
  );
}
