import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { StaffRole } from '../../src/domain/shared/roles.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import {
  acceptOffer,
  declineOffer,
  requestOfferCode,
} from '../../src/features/preschool-queue/decide-offer.js';
import { enrolChild } from '../../src/features/preschool-queue/enrol-child.js';
import { expireOffers } from '../../src/features/preschool-queue/expire-offers.js';
import { loadConfig } from '../../src/config/config.js';
import { createBackgroundJobs, jobServicesOf } from '../../src/jobs/background-jobs.js';
import { applicationServices } from '../support/applications.js';
import type { MessageSender } from '../../src/integrations/messaging/message-sender.js';
import { listProtocol } from '../../src/features/preschool-queue/list-protocol.js';
import {
  lookupPosition,
  viewOwnPosition,
} from '../../src/features/preschool-queue/lookup-position.js';
import { publishPlaces } from '../../src/features/preschool-queue/publish-places.js';
import type { QueueServices } from '../../src/features/preschool-queue/queue-services.js';
import { registerChild } from '../../src/features/preschool-queue/register-child.js';
import { rerunAllocation } from '../../src/features/preschool-queue/rerun-allocation.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  createQueueLifecycleFixture,
  lifecycleDistrict as district,
  lifecycleRegion as region,
  lifecycleRegistration,
} from '../support/preschool-queue-lifecycle.js';

let database: DatabaseHandle;
let clock = new Date('2026-12-01T05:00:00Z');
const sms = new InMemorySmsOutbox();
let services: QueueServices & { sms: InMemorySmsOutbox };
const staff: Principal = {
  kind: 'staff',
  staffId: 'staff-1',
  roles: [StaffRole.head],
  organisationId: 'org-kg-1',
  regionCode: region,
};
const parents = {
  first: generateIin('1990-01-01', 'female'),
  second: generateIin('1988-05-05', 'male'),
};
const children = {
  first: generateIin('2023-03-01', 'male', 1),
  second: generateIin('2023-04-01', 'female', 2),
};
const tick = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));

beforeAll(async () => {
  const fixture = await createQueueLifecycleFixture(() => clock, { withGroup: true });
  database = fixture.database;
  services = { ...fixture.services, sms };
});
afterAll(async () => database?.close());

const registration = (childIin: string, category: 'general' | 'primary', phone: string) =>
  lifecycleRegistration({
    childIin,
    birthDate: childIin === children.first ? '2023-03-01' : '2023-04-01',
    phone,
    category,
  });

describe('the kindergarten queue: register, move ahead, publish, offer, accept, expire', () => {
  let firstNumber = '';
  let secondNumber = '';

  it('registers a child: the slip gives the number and position 1', async () => {
    const slip = await registerChild(
      services,
      parents.first,
      registration(children.first, 'general', '+77010000001'),
    );
    firstNumber = slip.number;
    expect(slip).toMatchObject({ position: 1, category: 'general', privilegeDue: null });
    expect(slip.number).toMatch(/^Q-\d{4}-\d{4}-\d{2}$/);
    const audit = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'preschool_queue.registered')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses the same child twice and a kindergarten outside the district, changing nothing', async () => {
    await expect(
      registerChild(
        services,
        parents.first,
        registration(children.first, 'general', '+77010000001'),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      registerChild(services, parents.second, {
        ...registration(children.second, 'general', '+77010000002'),
        preferred: ['nowhere'],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const count = await database.db
      .selectFrom('queue_registration')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('a primary right registered later moves ahead, and the first parent is told why', async () => {
    tick(60);
    const slip = await registerChild(
      services,
      parents.second,
      registration(children.second, 'primary', '+77010000002'),
    );
    secondNumber = slip.number;
    expect(slip.position).toBe(1);
    expect(slip.privilegeDue?.getTime()).toBeGreaterThan(clock.getTime());
    tick(1);
    // The parent's own view in the cabinet: it explains and remembers what it showed.
    const seen = await viewOwnPosition(services, parents.first, firstNumber);
    expect(seen).toMatchObject({ position: 2, status: 'waiting', category: 'general' });
    expect(seen.change).toEqual({
      previous: 1,
      aheadGotPlaces: 0,
      aheadAgedOut: 0,
      higherCategoryRegistered: 1,
      privilegeLost: false,
    });
    expect(JSON.stringify(seen)).not.toContain(children.first);
  });

  it('the kindergarten publishes a place: the primary right gets the offer (1:3, turn primary), the run is logged and re-runs the same', async () => {
    tick(10);
    const run = await publishPlaces(services, staff, { groupId: 'kg-1-ru-3', places: 1 });
    expect(run.offered).toEqual([
      expect.objectContaining({ number: secondNumber, turn: 'primary' }),
    ]);
    const rerun = await rerunAllocation(database.db, run.runId!);
    expect(rerun.isSame).toBe(true);
    const outbox = await database.db
      .selectFrom('outbox_message')
      .select(['recipient', 'body', 'channel'])
      .execute();
    expect(outbox).toEqual([
      expect.objectContaining({ channel: 'sms', recipient: '+77010000002' }),
    ]);
    expect(outbox[0]?.body).toContain('детском саду');
    const message = await database.db.selectFrom('queue_message').select('kind').execute();
    expect(message.map((row) => row.kind)).toEqual(['offer']);
    const outside: Principal = { ...staff, organisationId: 'org-other' };
    await expect(
      publishPlaces(services, outside, { groupId: 'kg-1-ru-3', places: 1 }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('the first parent sees that a child ahead received a place; a public lookup does not move the marker, the own view does', async () => {
    tick(1);
    const seen = await lookupPosition(services, firstNumber);
    expect(seen.position).toBe(1);
    expect(seen.change).toMatchObject({ previous: 2, aheadGotPlaces: 1, aheadAgedOut: 0 });
    // Anyone with the slip number may look again: the explanation is still there for the parent.
    tick(1);
    expect((await lookupPosition(services, firstNumber)).change).toMatchObject({ previous: 2 });
    // Another parent's slip is not theirs to view (and so not theirs to mark as seen).
    await expect(viewOwnPosition(services, parents.second, firstNumber)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await viewOwnPosition(services, parents.first, firstNumber)).change).toMatchObject({
      previous: 2,
      aheadGotPlaces: 1,
    });
    // Seen by the parent: no change to explain until the position moves again.
    expect((await lookupPosition(services, firstNumber)).change).toBeNull();
  });

  it('accepting needs the one-time password: a wrong code changes nothing, the right one issues the referral', async () => {
    const offer = await database.db
      .selectFrom('queue_offer')
      .select('id')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    await expect(
      acceptOffer(services, parents.first, {
        offerId: offer.id,
        challengeId: offer.id,
        code: '000000',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const challenge = await requestOfferCode(services, parents.second, offer.id);
    await expect(
      acceptOffer(services, parents.second, {
        offerId: offer.id,
        challengeId: challenge.challengeId,
        code: '000000',
      }),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(
      (
        await database.db
          .selectFrom('queue_offer')
          .select('status')
          .where('id', '=', offer.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('open');
    const code = sms.lastCodeTo('+77010000002');
    const referral = await acceptOffer(services, parents.second, {
      offerId: offer.id,
      challengeId: challenge.challengeId,
      code,
    });
    expect(referral.validUntil.getTime() - clock.getTime()).toBe(5 * 86_400_000);
    const protocol = await listProtocol(services, { region, district });
    expect(protocol.offers[0]).toMatchObject({
      event: 'accepted',
      number: secondNumber,
      category: 'primary',
      kindergartenId: 'kg-1',
      referral: referral.number,
    });
    expect(JSON.stringify(protocol)).not.toContain(children.second);
    expect(JSON.stringify(protocol)).not.toContain(parents.second);
    // The kindergarten enrols on the referral (another kindergarten's staff cannot).
    await expect(
      enrolChild(services, { ...staff, organisationId: 'org-other' }, referral.number),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(enrolChild(services, staff, referral.number)).resolves.toEqual({
      number: secondNumber,
    });
    await expect(enrolChild(services, staff, referral.number)).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await lookupPosition(services, secondNumber)).status).toBe('enrolled');
  });

  it('an offer not answered in the window expires and the place moves to the next child', async () => {
    const third = {
      parent: generateIin('1991-02-02', 'female'),
      child: generateIin('2023-02-01', 'male', 3),
    };
    tick(5);
    const slip = await registerChild(services, third.parent, {
      ...registration(third.child, 'general', '+77010000003'),
      birthDate: '2023-02-01',
    });
    tick(5);
    const run = await publishPlaces(services, staff, { groupId: 'kg-1-ru-3', places: 1 });
    expect(run.offered.map((entry) => entry.number)).toEqual([firstNumber]);
    clock = new Date(clock.getTime() + 2 * 86_400_000);
    expect((await expireOffers(services)).expired).toBe(0);
    clock = new Date(clock.getTime() + 7 * 86_400_000);
    const watched = await expireOffers(services);
    expect(watched.expired).toBe(1);
    const offers = await database.db
      .selectFrom('queue_offer as o')
      .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
      .select(['r.number', 'o.status'])
      .orderBy('o.offered_at')
      .execute();
    expect(offers.slice(-2)).toEqual([
      { number: firstNumber, status: 'expired' },
      { number: slip.number, status: 'open' },
    ]);
    expect((await lookupPosition(services, firstNumber)).status).toBe('waiting');
  });

  it('declining keeps the child in the queue and gives the place to the next child', async () => {
    const offer = await database.db
      .selectFrom('queue_offer as o')
      .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
      .select(['o.id', 'r.parent_iin'])
      .where('o.status', '=', 'open')
      .executeTakeFirstOrThrow();
    const run = await declineOffer(services, offer.parent_iin, offer.id);
    // the first child let this very place expire before: nobody else is waiting for it
    expect(run.offered).toEqual([]);
    const audit = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'preschool_queue.%')
      .execute();
    expect(new Set(audit.map((row) => row.action))).toEqual(
      new Set([
        'preschool_queue.registered',
        'preschool_queue.places_published',
        'preschool_queue.allocation_run',
        'preschool_queue.offered',
        'preschool_queue.offer_accepted',
        'preschool_queue.enrolled',
        'preschool_queue.offer_expired',
        'preschool_queue.offer_declined',
      ]),
    );
  });

  it('a privilege not confirmed in time is lost by a child still in the queue, not by one already enrolled', async () => {
    // The second child claimed a primary right, was enrolled on it, and never confirmed it: its
    // due passed in the expiry above, and it kept its (moot) claim, with no audit row saying lost.
    const enrolled = await database.db
      .selectFrom('queue_registration')
      .select(['privilege', 'status'])
      .where('number', '=', secondNumber)
      .executeTakeFirstOrThrow();
    expect(enrolled).toEqual({ privilege: 'pending', status: 'enrolled' });
    const parent = generateIin('1990-06-06', 'female');
    const child = generateIin('2023-06-06', 'male', 5);
    const slip = await registerChild(services, parent, {
      ...registration(child, 'primary', '+77010000005'),
      birthDate: '2023-06-06',
    });
    expect(slip.privilegeDue).not.toBeNull();
    expect((await lookupPosition(services, slip.number)).category).toBe('primary');
    clock = new Date(clock.getTime() + 10 * 86_400_000);
    const watched = await expireOffers(services);
    expect(watched.privilegesLost).toBe(1);
    const lost = await database.db
      .selectFrom('queue_registration')
      .select(['privilege', 'rank_category', 'status'])
      .where('number', '=', slip.number)
      .executeTakeFirstOrThrow();
    expect(lost).toEqual({ privilege: 'lost', rank_category: 2, status: 'waiting' });
    const audit = await database.db
      .selectFrom('audit_event')
      .select('subject_id')
      .where('action', '=', 'preschool_queue.privilege_lost')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('the lookup refuses a malformed number', async () => {
    await expect(lookupPosition(services, "Q-1' or 1=1")).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(lookupPosition(services, 'Q-0000-0000-00')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('the background job lapses a referral not used within its validity: the place is free again, the child back in the queue', async () => {
    await database.db
      .insertInto('queue_kindergarten')
      .values({
        id: 'kg-2',
        organisation_id: 'org-kg-1',
        region,
        district: 'shymkent-enbekshi',
        name: JSON.stringify({ kk: 'Айгөлек', ru: 'Айголек', en: 'Aigolek' }),
        time_zone: 'Asia/Almaty',
      })
      .execute();
    await database.db
      .insertInto('queue_group')
      .values({
        id: 'kg-2-ru',
        kindergarten_id: 'kg-2',
        age_from: 2,
        age_to: 5,
        language: 'ru',
        special_needs: null,
      })
      .execute();
    const parent = generateIin('1992-03-03', 'female');
    const child = generateIin('2023-05-05', 'female', 4);
    const slip = await registerChild(services, parent, {
      ...registration(child, 'general', '+77010000004'),
      district: 'shymkent-enbekshi',
      preferred: ['kg-2'],
      birthDate: '2023-05-05',
    });
    tick(1);
    const run = await publishPlaces(services, staff, { groupId: 'kg-2-ru', places: 1 });
    expect(run.offered.map((entry) => entry.number)).toEqual([slip.number]);
    const offer = await database.db
      .selectFrom('queue_offer')
      .select('id')
      .where('status', '=', 'open')
      .where('district', '=', 'shymkent-enbekshi')
      .executeTakeFirstOrThrow();
    const challenge = await requestOfferCode(services, parent, offer.id);
    const referral = await acceptOffer(services, parent, {
      offerId: offer.id,
      challengeId: challenge.challengeId,
      code: sms.lastCodeTo('+77010000004'),
    });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const jobs = createBackgroundJobs(
      jobServicesOf(
        applicationServices(database, () => clock),
        config.worker,
      ),
      { send: () => Promise.resolve() } satisfies MessageSender,
    );
    const job = jobs.find((candidate) => candidate.name === 'preschool-queue');
    expect(job?.everyMs).toBe(60_000);
    tick(4 * 24 * 60);
    expect(await job!.run()).toBe(0);
    tick(2 * 24 * 60);
    expect(await job!.run()).toBe(1);
    const after = await database.db
      .selectFrom('queue_offer as o')
      .innerJoin('queue_place as p', 'p.id', 'o.place_id')
      .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
      .select(['o.status', 'o.referral_number', 'p.status as place', 'r.status as child'])
      .where('o.id', '=', offer.id)
      .executeTakeFirstOrThrow();
    // The child who let it lapse is not offered that place again; nobody else waits for it.
    expect(after).toEqual({
      status: 'expired',
      referral_number: referral.number,
      place: 'free',
      child: 'waiting',
    });
    await expect(enrolChild(services, staff, referral.number)).rejects.toMatchObject({
      code: 'conflict',
    });
    const audit = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'preschool_queue.referral_lapsed')
      .execute();
    expect(audit).toHaveLength(1);
    const messages = await database.db
      .selectFrom('queue_message')
      .select('kind')
      .where('kind', '=', 'referral_lapsed')
      .execute();
    expect(messages).toHaveLength(1);
  });
});
