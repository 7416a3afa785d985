// Issue 19: a child leaves the kindergarten queue at 7 as a stored transition. The queue's
// deadline watch (the background job `preschool-queue`) moves a waiting registration whose
// child reached the end of the region's age window on the Kazakhstan calendar day to the status
// `aged_out`, with an audit row, a cabinet message in kk/ru/en and an SMS; the public lookup
// says so, and the child who was behind is told why the position moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { expireOffers } from '../../src/features/preschool-queue/expire-offers.js';
import { listOwnQueue } from '../../src/features/preschool-queue/list-own-queue.js';
import {
  lookupPosition,
  viewOwnPosition,
} from '../../src/features/preschool-queue/lookup-position.js';
import type { QueueServices } from '../../src/features/preschool-queue/queue-services.js';
import { registerChild } from '../../src/features/preschool-queue/register-child.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { testBackend } from '../support/database.js';
import {
  createQueueLifecycleFixture,
  lifecycleRegistration,
} from '../support/preschool-queue-lifecycle.js';

const parents = {
  older: generateIin('1985-01-01', 'female', 31),
  younger: generateIin('1987-02-02', 'male', 32),
};
const children = {
  // Turns 7 on 10 December 2026.
  older: { iin: generateIin('2019-12-10', 'male', 41), birthDate: '2019-12-10' },
  younger: { iin: generateIin('2021-01-01', 'female', 42), birthDate: '2021-01-01' },
};

describe(`leaving the kindergarten queue at 7 (issue 19), on ${testBackend}`, () => {
  let database: DatabaseHandle;
  // Tuesday 1 December 2026, 10:00 in Shymkent.
  let clock = new Date('2026-12-01T05:00:00Z');
  let services: QueueServices;
  const numbers = { older: '', younger: '' };

  beforeAll(async () => {
    ({ database, services } = await createQueueLifecycleFixture(() => clock));
    for (const [key, phone] of [
      ['older', '+77010000031'],
      ['younger', '+77010000032'],
    ] as const) {
      const slip = await registerChild(
        services,
        parents[key],
        lifecycleRegistration({
          childIin: children[key].iin,
          birthDate: children[key].birthDate,
          phone,
          category: 'general',
        }),
      );
      numbers[key] = slip.number;
      clock = new Date(clock.getTime() + 60_000);
    }
    // The younger child's parent looks in the cabinet: position 2, remembered.
    expect(await viewOwnPosition(services, parents.younger, numbers.younger)).toMatchObject({
      position: 2,
    });
  });
  afterAll(async () => database?.close());

  it('the day before the seventh birthday in Kazakhstan (late on 9 December UTC+5) nothing moves', async () => {
    clock = new Date('2026-12-09T18:59:00Z');
    expect(await expireOffers(services)).toMatchObject({ agedOut: 0 });
    expect(await lookupPosition(services, numbers.older)).toMatchObject({
      status: 'waiting',
      position: 1,
    });
  });

  it('on the seventh birthday the child leaves the queue: stored, audited, messaged in kk/ru/en and by SMS', async () => {
    clock = new Date('2026-12-09T19:01:00Z');
    expect(await expireOffers(services)).toEqual({
      expired: 0,
      referralsLapsed: 0,
      privilegesLost: 0,
      agedOut: 1,
    });
    const row = await database.db
      .selectFrom('queue_registration')
      .select(['status', 'left_waiting_at'])
      .where('number', '=', numbers.older)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'aged_out', left_waiting_at: clock });
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_kind', 'actor_id', 'details'])
      .where('action', '=', 'preschool_queue.aged_out')
      .execute();
    expect(audit).toEqual([
      {
        action: 'preschool_queue.aged_out',
        actor_kind: 'system',
        actor_id: 'queue-deadline-watch',
        details: { number: numbers.older, untilYears: 7, day: '2026-12-10' },
      },
    ]);
    const sms = await database.db
      .selectFrom('outbox_message')
      .select(['recipient', 'body'])
      .where('recipient', '=', '+77010000031')
      .execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain('снят с очереди');
    // The parent's cabinet: the status and the message, in each language.
    const own = await listOwnQueue(services, parents.older);
    expect(own.registrations).toEqual([
      expect.objectContaining({ number: numbers.older, status: 'aged_out', position: null }),
    ]);
    expect(own.messages).toEqual([
      expect.objectContaining({ kind: 'aged_out', number: numbers.older }),
    ]);
    expect(own.messages[0]!.message).toEqual({
      kk: expect.stringContaining('7 жасқа толды'),
      ru: expect.stringContaining('исполнилось 7 лет'),
      en: expect.stringContaining('turned 7'),
    });
    // Anyone with the slip: no position, the status says why.
    expect(await lookupPosition(services, numbers.older)).toMatchObject({
      status: 'aged_out',
      position: null,
      change: null,
    });
  });

  it('the child behind moves up, and is told that a child ahead left the queue at 7', async () => {
    const position = await lookupPosition(services, numbers.younger);
    expect(position).toMatchObject({ status: 'waiting', position: 1 });
    expect(position.change).toEqual({
      previous: 2,
      aheadGotPlaces: 0,
      aheadAgedOut: 1,
      higherCategoryRegistered: 0,
      privilegeLost: false,
    });
  });

  it('a later round changes nothing more, and the child may not be offered a place', async () => {
    clock = new Date(clock.getTime() + 60 * 60_000);
    expect(await expireOffers(services)).toMatchObject({ agedOut: 0 });
    const audit = await database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'preschool_queue.aged_out')
      .execute();
    expect(audit).toHaveLength(1);
    const waiting = await database.db
      .selectFrom('queue_registration')
      .select('number')
      .where('status', '=', 'waiting')
      .execute();
    expect(waiting.map((entry) => entry.number)).toEqual([numbers.younger]);
  });
});
