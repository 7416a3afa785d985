import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationPage, InboxPage } from '../../src/http/api/v1/schemas.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { createApiFixture, type ApiFixture } from '../support/api.js';
import { testBackend } from '../support/database.js';

describe(`/api/v1 inbox and search on ${testBackend}: ordering, paging, indicators`, () => {
  let f: ApiFixture;
  const ids: string[] = [];
  const numbers: string[] = [];
  beforeAll(async () => {
    f = await createApiFixture('2019-04-01T04:00:00Z');
    // Five applications ten minutes apart from Monday 1 April 2019, 10:00 in Kostanay:
    // registration is due 15 minutes after each (seed 004).
    for (let index = 0; index < 5; index += 1) {
      f.clock.set(new Date(Date.parse('2019-04-01T04:00:00Z') + index * 600_000).toISOString());
      const submitted = await f.submit(index % 2 === 0 ? '900101300007' : '880215300010');
      ids.push(submitted.applicationId);
      numbers.push(submitted.number);
    }
  });
  afterAll(async () => {
    await f?.database.close();
  });

  async function inbox(token: string, query = '') {
    const response = await f.call('GET', `/api/v1/inbox${query}`, { token });
    expect(response.status).toBe(200);
    return InboxPage.parse(await response.json());
  }

  it('lists the registry office’s applications most urgent first, page by page', async () => {
    f.clock.set('2019-04-01T04:22:00Z');
    const seen: string[] = [];
    const indicators: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page = await inbox(
        f.staff.registry.token,
        `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      indicators.push(...page.items.map((item) => item.indicator));
      cursor = page.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    // 10:22: the first was due at 10:15; the second is due at 10:25, within 25% of its
    // 15 minutes (and within a working day); the rest have more time.
    expect(indicators).toEqual(['overdue', 'warning', 'on_time', 'on_time', 'on_time']);
    expect(await inbox(f.staff.head.token)).toEqual({ items: [], nextCursor: null });
  });

  it('moves applications to the head, and then each only to its appointed executor', async () => {
    for (const [index, id] of ids.slice(0, 3).entries()) {
      f.clock.set(new Date(Date.parse('2019-04-01T05:00:00Z') + index * 60_000).toISOString());
      const response = await f.command(f.staff.registry.token, id, {
        kind: 'complete_step',
        stepId: 'register',
      });
      expect(response.status).toBe(200);
    }
    const headInbox = await inbox(f.staff.head.token);
    expect(headInbox.items.map((item) => item.id)).toEqual(ids.slice(0, 3));
    expect(headInbox.items.every((item) => item.currentStepId === 'assign')).toBe(true);
    expect((await inbox(f.staff.registry.token)).items.map((item) => item.id)).toEqual(
      ids.slice(3),
    );

    await f.command(f.staff.head.token, ids[0]!, {
      kind: 'complete_step',
      stepId: 'assign',
      executorId: f.staff.executor.principal.staffId,
    });
    await f.command(f.staff.head.token, ids[1]!, {
      kind: 'complete_step',
      stepId: 'assign',
      executorId: f.staff.otherExecutor.principal.staffId,
    });
    expect((await inbox(f.staff.executor.token)).items.map((item) => item.id)).toEqual([ids[0]]);
    expect((await inbox(f.staff.otherExecutor.token)).items.map((item) => item.id)).toEqual([
      ids[1],
    ]);
    expect((await inbox(f.staff.otherHead.token)).items).toEqual([]);
    const suspended = await f.command(f.staff.head.token, ids[2]!, {
      kind: 'suspend',
      reason: 'waiting for the archive',
    });
    expect(suspended.status).toBe(200);
    f.clock.set('2019-04-02T05:00:00Z');
    const waiting = (await inbox(f.staff.head.token)).items.find((item) => item.id === ids[2]);
    expect(waiting).toMatchObject({ status: 'suspended', indicator: 'suspended' });
    const audit = await listAuditEvents(f.database.db, { action: 'application.read' });
    const inboxReads = audit.filter(
      (row) => row.action === 'application.read' && row.details.query === 'inbox',
    );
    expect(inboxReads.length).toBeGreaterThan(0);
  });

  it('searches by status, service, organisation, overdue and period, newest first, with paging', async () => {
    const search = async (query: string, token = f.staff.head.token) => {
      const response = await f.call('GET', `/api/v1/applications?${query}`, { token });
      expect(response.status).toBe(200);
      return ApplicationPage.parse(await response.json());
    };
    const all = await search('limit=100');
    expect(all.items.map((item) => item.id)).toEqual([...ids].reverse());
    const first = await search('limit=3');
    expect(first.items).toHaveLength(3);
    const rest = await search(`limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect([...first.items, ...rest.items].map((item) => item.id)).toEqual([...ids].reverse());
    expect(rest.nextCursor).toBeNull();

    const received = (await search('status=received')).items;
    const inWork = (await search('status=in_work')).items;
    const suspended = (await search('status=suspended')).items;
    expect(suspended.map((item) => item.id)).toEqual([ids[2]]);
    expect(received.length).toBeGreaterThan(0);
    expect(inWork.length).toBeGreaterThan(0);
    expect(received.every((item) => item.status === 'received')).toBe(true);
    expect(inWork.every((item) => item.status === 'in_work')).toBe(true);
    expect(received.length + inWork.length).toBe(4);
    expect(
      (await search('status=received&status=in_work&status=suspended')).items.map(
        (item) => item.number,
      ),
    ).toEqual([...numbers].reverse());
    expect((await search('service=school-admission')).items).toEqual([]);
    expect((await search('organisation=kst-school-2')).items).toEqual([]);
    expect(
      (
        await search('submittedFrom=2019-04-01T04:10:00Z&submittedBefore=2019-04-01T04:30:00Z')
      ).items.map((item) => item.id),
    ).toEqual([ids[2], ids[1]]);
    expect((await search('overdue=true')).items).toEqual([]);
    f.clock.set('2019-06-03T04:00:00Z');
    const overdue = await search('overdue=true');
    // The suspended one's clock is stopped: not overdue.
    expect(overdue.items).toHaveLength(4);
    expect(overdue.items.every((item) => item.isOverdue)).toBe(true);
    expect((await search('overdue=false')).items.map((item) => item.id)).toEqual([ids[2]]);

    const invalid = await f.call('GET', '/api/v1/applications?status=lost', {
      token: f.staff.head.token,
    });
    expect(invalid.status).toBe(422);
    const badCursor = await f.call('GET', '/api/v1/applications?cursor=abc', {
      token: f.staff.head.token,
    });
    expect(badCursor.status).toBe(422);
  });
});
