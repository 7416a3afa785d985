import { StaffRole } from '../../../domain/shared/roles.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { searchTexts } from '../application-search.js';
import { StatusTag } from '../components.js';
import type { NavItem } from '../layout.js';
import { qt } from '../preschool-queue-texts.js';
import { bo } from './texts.js';

/** The provider's staff: the roles the back office serves. */
export const backOfficeRoles = [
  StaffRole.registryOffice,
  StaffRole.head,
  StaffRole.executor,
  StaffRole.commissionMember,
] as const;

/** The back office's menu. */
export const backOfficeNav: readonly NavItem[] = [
  { href: '/back-office', label: bo.inboxTitle },
  { href: '/back-office/search', label: searchTexts.menu },
  { href: '/back-office/escalations', label: bo.escalationsTitle, roles: [StaffRole.head] },
  { href: '/back-office/appeals', label: { kk: 'Шағымдар', ru: 'Жалобы', en: 'Appeals' } },
  {
    href: '/back-office/result-requests',
    label: bo.resultRequestsTitle,
    roles: [StaffRole.registryOffice, StaffRole.head, StaffRole.executor],
  },
  // Only for organisations that run a kindergarten queue (issue 18, point 7; from data).
  {
    href: '/back-office/queue',
    label: bo.queueTitle,
    roles: [StaffRole.head, StaffRole.executor],
    onlyIf: 'runsVacancyQueue',
  },
  {
    href: '/back-office/kindergarten-places',
    label: qt.placesTitle,
    roles: [StaffRole.head, StaffRole.executor],
  },
  {
    href: '/back-office/queue-privileges',
    label: qt.privilegesTitle,
    roles: [StaffRole.head, StaffRole.executor],
  },
  { href: '/back-office/queue-statistics', label: qt.statisticsTitle, roles: [StaffRole.head] },
];

/** A text in kk/ru with the English falling back to Russian. */
export function inLocale(text: { kk: string; ru: string; en?: string }, locale: Locale): string {
  return locale === 'en' ? (text.en ?? text.ru) : text[locale];
}

const indicatorTone = {
  on_time: 'on-time',
  warning: 'warning',
  overdue: 'overdue',
  suspended: 'neutral',
} as const;

/** The deadline indicator tag (on time / warning / overdue / suspended). */
export function IndicatorTag(props: { indicator: keyof typeof bo.indicator; locale: Locale }) {
  return (
    <StatusTag
      tone={indicatorTone[props.indicator]}
      label={bo.indicator[props.indicator][props.locale]}
    />
  );
}
