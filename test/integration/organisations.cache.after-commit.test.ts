import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedOrganisationRead } from '../../src/engine/application-services.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  findOrganisation,
  upsertOrganisation,
  writeOrganisations,
  type OrganisationRow,
} from '../../src/storage/organisation.repository.js';
import { createOrganisation } from '../support/applications.js';
import { createTestDatabase } from '../support/database.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await createOrganisation(database, {
    id: 'cache-archive',
    kind: 'archive',
    regionCode: 'kostanay',
  });
});
afterAll(async () => {
  await database.close();
});

const now = new Date('2026-01-10T04:00:00Z');

/** The organisation as a command reads it: through the organisation rows' cache. */
const cachedRead = (key: string) =>
  cachedOrganisationRead({ db: database.db }, key, () =>
    findOrganisation(database.db, 'cache-archive'),
  );

/**
 * A read outside an open transaction sees the rows as they were before it: on PostgreSQL it is
 * made on another connection; PGlite has a single session (a read outside the transaction would
 * wait for it), so the row as it was committed stands for it.
 */
const readOutside = async (committed: OrganisationRow) =>
  database.kind === 'postgres' ? findOrganisation(database.db, 'cache-archive') : committed;

describe('the organisation rows cache and a write transaction', () => {
  it('drops a read made while the write was not yet committed, once it is', async () => {
    const before = (await findOrganisation(database.db, 'cache-archive'))!;
    await writeOrganisations(database.db, async (trx) => {
      await upsertOrganisation(trx, { ...before, phone: '+7 714 200 00 01' }, now);
      // Another request reads the organisation in the window between the write and the commit.
      const seen = await cachedOrganisationRead({ db: database.db }, 'window', () =>
        readOutside(before),
      );
      expect(seen?.phone).toBeNull();
    });
    // After the commit the same read is made again, not served from the cache.
    expect((await cachedRead('window'))?.phone).toBe('+7 714 200 00 01');
  });

  it('drops a read of the uncommitted row made inside a transaction that rolls back', async () => {
    const before = (await findOrganisation(database.db, 'cache-archive'))!;
    const failure = new Error('the audit row could not be written');
    await expect(
      writeOrganisations(database.db, async (trx) => {
        await upsertOrganisation(trx, { ...before, phone: '+7 714 200 00 02' }, now);
        // A command inside the transaction reads the row (getOrganisation takes the transaction).
        const seen = await cachedOrganisationRead({ db: database.db }, 'rolled-back', () =>
          findOrganisation(trx, 'cache-archive'),
        );
        expect(seen?.phone).toBe('+7 714 200 00 02');
        throw failure;
      }),
    ).rejects.toBe(failure);
    // The write never happened: the cache does not hand out the row it saw inside.
    expect((await cachedRead('rolled-back'))?.phone).toBe(before.phone);
    expect((await findOrganisation(database.db, 'cache-archive'))?.phone).toBe(before.phone);
  });

  it('keeps a read while no organisation is written', async () => {
    const first = await cachedRead('quiet');
    let reads = 0;
    const second = await cachedOrganisationRead({ db: database.db }, 'quiet', async () => {
      reads += 1;
      return findOrganisation(database.db, 'cache-archive');
    });
    expect(reads).toBe(0);
    expect(second).toBe(first);
  });
});
