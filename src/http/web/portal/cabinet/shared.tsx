import type { Locale, LocalizedText } from '../../../../domain/shared/locale.js';
import type { TimeUnit } from '../../../../domain/regulation/TimeUnit.js';
import { timeUnitAbbreviations } from '../../../../domain/regulation/labels.js';
import type { Child } from 'hono/jsx';
import { Page, type NavItem, type PageContext } from '../../layout.js';
import { StatusTag } from '../../components.js';
import { qt } from '../../preschool-queue-texts.js';
import { text } from './texts.js';

/** The cabinet's menu, with the unread count on the notifications link. */
export function cabinetNav(unreadCount: number): NavItem[] {
  const withCount = (label: LocalizedText): LocalizedText =>
    unreadCount > 0
      ? {
          kk: `${label.kk} (${unreadCount} ${text.unreadCount.kk})`,
          ru: `${label.ru} (${unreadCount} ${text.unreadCount.ru})`,
          en: `${label.en} (${unreadCount} ${text.unreadCount.en})`,
        }
      : label;
  return [
    { href: '/cabinet', label: text.applications },
    { href: '/cabinet/notifications', label: withCount(text.notifications) },
    { href: '/cabinet/queue', label: qt.queueTitle },
  ];
}

/** "10 календ. дн." */
export function durationText(duration: { amount: number; unit: TimeUnit }, locale: Locale) {
  return `${duration.amount} ${timeUnitAbbreviations[duration.unit][locale]}`;
}

/** The overdue / on-time mark of a due date (text, not colour alone). */
export function DueTag(props: { isOverdue: boolean; isRunning: boolean; locale: Locale }) {
  if (!props.isRunning) return null;
  return props.isOverdue ? (
    <StatusTag tone="overdue" label={text.overdue[props.locale]} />
  ) : (
    <StatusTag tone="on-time" label={text.onTime[props.locale]} />
  );
}

/** A cabinet page: the common frame with the cabinet's menu and the unread count. */
export function CabinetPage(props: {
  ctx: PageContext;
  title: string;
  unreadCount: number;
  current: '/cabinet' | '/cabinet/notifications' | '/cabinet/queue';
  children?: Child;
}) {
  return (
    <Page
      ctx={props.ctx}
      title={props.title}
      nav={cabinetNav(props.unreadCount)}
      current={props.current}
    >
      {props.children}
    </Page>
  );
}
