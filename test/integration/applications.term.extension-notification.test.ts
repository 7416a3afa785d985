import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { extendTerm } from '../../src/features/applications/extend-term.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { formatDateTime } from '../../src/http/web/messages.js';
import { listNotifications } from '../../src/storage/application.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';

type Staff = Principal & { kind: 'staff' };

describe(`the extension notification writes the new due in the provider’s zone, on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2013-02-04T04:00:00Z');
  let services: ReturnType<typeof applicationServices>;
  const staff: Record<string, { registry: Staff; head: Staff }> = {};
  let key = 0;
  const nextKey = () => `ext-note-${(key += 1).toString().padStart(4, '0')}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    // Shymkent (Asia/Almaty: UTC+6 until 1 March 2024) and an office of the region keeping the
    // west's zone (Asia/Aqtobe: always UTC+5) — an organisation's own zone overrides the region's.
    // The archive certificate's regulation is in force in 2013 only (seed 003).
    for (const [id, regionCode, timeZone] of [
      ['sk-archive', 'south-kazakhstan', 'Asia/Almaty'],
      ['west-archive', 'south-kazakhstan', 'Asia/Aqtobe'],
    ] as const) {
      await createOrganisation(database, { id, kind: 'archive', regionCode, timeZone });
      staff[id] = {
        registry: await createStaff(database, id, regionCode, ['registry_office']),
        head: await createStaff(database, id, regionCode, ['head']),
      };
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  const extendAt = async (organisationId: string, submittedAt: string, extendedAt: string) => {
    clock.set(submittedAt);
    const { applicationId } = await submitApplication(services, staff[organisationId]!.registry, {
      idempotencyKey: nextKey(),
      serviceCode: 'archive-certificate',
      channel: 'provider_office',
      applicantIin: '900101300007',
      providerOrganisationId: organisationId,
      fields: { 'applicant-iin-or-bin': '900101300007', 'archive-certificate-type': 'стаж' },
    });
    clock.set(extendedAt);
    const extended = await extendTerm(services, staff[organisationId]!.head, {
      idempotencyKey: nextKey(),
      applicationId,
      reason: 'Запрос в ведомственный архив',
      by: { amount: 1, unit: 'months' },
    });
    const notification = (await listNotifications(database.db, applicationId)).find(
      (row) => row.kind === 'term_extended',
    )!;
    return {
      dueAt: new Date(String(extended.dueAt)),
      message: notification.message as { kk: string; ru: string; en: string },
    };
  };

  it('before 1 March 2024 in Shymkent: UTC+6, as the engine counted, equal to the pages', async () => {
    const { dueAt, message } = await extendAt(
      'sk-archive',
      '2013-02-04T04:00:00Z',
      '2013-03-01T04:00:00Z',
    );
    // 30 calendar days from 4 February 2013 10:00 local, plus a month: 6 April 2013, 10:00 (UTC+6).
    expect(dueAt.toISOString()).toBe('2013-04-06T04:00:00.000Z');
    expect(message.ru).toMatch(
      /^Срок оказания услуги по заявлению №\S+ продлен до 06\.04\.2013 10:00\. Причина: Запрос в ведомственный архив$/,
    );
    expect(message.kk).toContain('06.04.2013 10:00 дейін ұзартылды');
    expect(message.en).toContain('extended to 06.04.2013 10:00');
    expect(message.ru).not.toContain('T04:00');
    // The pages' formatter shows the same due for the organisation's zone.
    expect(message.ru).toContain(formatDateTime(dueAt, 'ru', 'Asia/Almaty'));
  });

  it('in the west (Asia/Aqtobe, UTC+5) the same wall-clock rule gives a different instant, shown alike', async () => {
    const { dueAt, message } = await extendAt(
      'west-archive',
      '2013-02-04T05:00:00Z',
      '2013-03-01T05:00:00Z',
    );
    expect(dueAt.toISOString()).toBe('2013-04-06T05:00:00.000Z');
    expect(message.ru).toContain('продлен до 06.04.2013 10:00.');
  });
});
