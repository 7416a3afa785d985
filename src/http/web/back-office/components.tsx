import { StaffRole } from '../../../domain/shared/roles.js';
import type { Locale, LocalizedText } from '../../../domain/shared/locale.js';
import type { NavItem } from '../layout.js';
import { formatDateTime } from '../messages.js';
import { bo } from './texts.js';

/** The back office's menu. */
export const backOfficeNav: readonly NavItem[] = [
  { href: '/back-office', label: bo.inboxTitle },
  { href: '/back-office/escalations', label: bo.escalationsTitle, roles: [StaffRole.head] },
  { href: '/back-office/appeals', label: { kk: 'Шағымдар', ru: 'Жалобы', en: 'Appeals' } },
  {
    href: '/back-office/result-requests',
    label: bo.resultRequestsTitle,
    roles: [StaffRole.registryOffice, StaffRole.head, StaffRole.executor],
  },
  { href: '/back-office/queue', label: bo.queueTitle, roles: [StaffRole.head, StaffRole.executor] },
];

/** A text in kk/ru with the English falling back to Russian. */
export function inLocale(text: { kk: string; ru: string; en?: string }, locale: Locale): string {
  return locale === 'en' ? (text.en ?? text.ru) : text[locale];
}

/**
 * A due time: `<time>` with the instant, shown on the wall clock of `timeZone` (the
 * provider organisation's zone, in which the engine counted it; default Asia/Almaty).
 */
export function Due(props: {
  at: string | Date | null | undefined;
  locale: Locale;
  class?: string;
  timeZone?: string;
}) {
  if (!props.at) return <span>—</span>;
  const at = new Date(props.at);
  return (
    <time datetime={at.toISOString()} class={props.class}>
      {formatDateTime(at, props.locale, props.timeZone)}
    </time>
  );
}

/** The deadline indicator tag (on time / warning / overdue / suspended). */
export function IndicatorTag(props: { indicator: keyof typeof bo.indicator; locale: Locale }) {
  const label: LocalizedText = bo.indicator[props.indicator];
  const css =
    props.indicator === 'on_time'
      ? 'on-time'
      : props.indicator === 'suspended'
        ? 'neutral'
        : props.indicator;
  return <span class={`tag ${css}`}>{label[props.locale]}</span>;
}
