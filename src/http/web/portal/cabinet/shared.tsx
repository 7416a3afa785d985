import type { Child } from 'hono/jsx';
import type { Locale, LocalizedText } from '../../../../domain/shared/locale.js';
import type { TimeUnit } from '../../../../domain/regulation/TimeUnit.js';
import { timeUnitAbbreviations } from '../../../../domain/regulation/labels.js';
import type { NavItem } from '../../layout.js';
import { formatDateTime } from '../../messages.js';
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
  ];
}

/** "10 календ. дн." */
export function durationText(duration: { amount: number; unit: TimeUnit }, locale: Locale) {
  return `${duration.amount} ${timeUnitAbbreviations[duration.unit][locale]}`;
}

/**
 * A date and time in a <time> element with the ISO instant, on the wall clock of `timeZone`
 * (the provider's zone, where the engine counts the dues; default Asia/Almaty).
 */
export function Time(props: {
  value: Date | string | null | undefined;
  locale: Locale;
  timeZone?: string | undefined;
}) {
  if (!props.value) return <span>—</span>;
  const value = typeof props.value === 'string' ? new Date(props.value) : props.value;
  return (
    <time datetime={value.toISOString()}>
      {formatDateTime(value, props.locale, props.timeZone)}
    </time>
  );
}

/** The overdue / on-time mark of a due date (text, not colour alone). */
export function DueTag(props: { isOverdue: boolean; isRunning: boolean; locale: Locale }) {
  if (!props.isRunning) return null;
  return props.isOverdue ? (
    <span class="tag overdue">{text.overdue[props.locale]}</span>
  ) : (
    <span class="tag on-time">{text.onTime[props.locale]}</span>
  );
}

/** A table of the cabinet in its scrolling wrapper: the column headings, then the rows. */
export function Table(props: {
  id?: string;
  class?: string;
  caption?: string;
  headings: readonly Child[];
  children?: Child;
}) {
  return (
    <div class="table-wrap">
      <table id={props.id} class={props.class}>
        {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
        <thead>
          <tr>
            {props.headings.map((heading) => (
              <th scope="col">{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
