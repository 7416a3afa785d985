import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import {
  countUnreadNotifications,
  listRecipientNotifications,
} from '../../storage/notification.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { PageLimit } from '../applications/paging.js';

/** Paging of the cabinet's notifications: `before` is the position the next page starts under. */
export const MyNotificationsQuery = z
  .object({ before: z.coerce.number().int().positive().optional(), limit: PageLimit })
  .strict();
export type MyNotificationsQuery = z.input<typeof MyNotificationsQuery>;

function citizenIin(principal: Principal): string {
  if (principal.kind !== 'citizen') {
    throw new DomainError(ErrorCode.forbidden, { reason: 'for_citizens' });
  }
  return principal.iin;
}

/**
 * The notifications the engine wrote to the signed-in citizen's cabinet (status changes and
 * term extensions of their applications, and of those they represent), newest first, with the
 * unread count and the position where the next page starts.
 */
export async function listMyNotifications(
  services: ApplicationServices,
  principal: Principal,
  rawQuery: MyNotificationsQuery,
) {
  const iin = citizenIin(principal);
  const query = parseInput(MyNotificationsQuery, rawQuery);
  const rows = await listRecipientNotifications(services.db, iin, query.before, query.limit + 1);
  const items = rows.slice(0, query.limit).map((row) => ({
    id: row.id,
    applicationId: row.applicationId,
    applicationNumber: row.applicationNumber,
    kind: row.kind,
    status: row.status,
    message: row.message as Partial<Record<'kk' | 'ru' | 'en', string>>,
    createdAt: row.createdAt,
    isUnread: row.readAt === null,
  }));
  const last = rows[query.limit - 1];
  return {
    items,
    unreadCount: await countUnreadNotifications(services.db, iin),
    nextBefore: rows.length > query.limit && last ? last.position : null,
    /** The position of the newest notification on this page ("mark all as read" stops there). */
    newestPosition: rows[0]?.position ?? null,
  };
}

/** How many of the signed-in citizen's notifications are unread (for the cabinet menu). */
export async function countMyUnreadNotifications(
  services: ApplicationServices,
  principal: Principal,
): Promise<number> {
  return countUnreadNotifications(services.db, citizenIin(principal));
}
