import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findApiTokenPrincipal } from '../../src/features/api-tokens/authenticate-api-token.js';
import { hashApiToken } from '../../src/features/api-tokens/create-api-token.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { openDatabase } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { createOrganisation } from '../support/applications.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { runCli } from '../support/server.js';

describe(`qyzmet api-token create | list | revoke on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  beforeAll(async () => {
    provisioned = await provisionDatabase();
    const database = await openDatabase(provisioned.database);
    await migrateToLatest(database.db);
    await createOrganisation(database, {
      id: 'kst-school-1',
      kind: 'school',
      regionCode: 'kostanay',
    });
    await database.close();
  });
  afterAll(async () => {
    await provisioned?.dispose();
  });

  it('shows a token once, stores only its hash, lists it, and revokes it', async () => {
    const created = await runCli(
      [
        'api-token',
        'create',
        '--organisation',
        'kst-school-1',
        '--role',
        'registry_office',
        '--name',
        'School records system',
      ],
      provisioned.env,
    );
    expect(created.code).toBe(0);
    const tokenId = /token id: (\S+)/.exec(created.stdout)?.[1];
    const token = /keep it secret\): (\S+)/.exec(created.stdout)?.[1];
    expect(tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(token).toMatch(/^qzt_[A-Za-z0-9_-]{43}$/);

    const listed = await runCli(['api-token', 'list'], provisioned.env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${tokenId}\tkst-school-1\tregistry_office\tactive`);
    expect(listed.stdout).not.toContain(token);

    const database = await openDatabase(provisioned.database);
    try {
      const row = await database.db.selectFrom('api_token').selectAll().executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(hashApiToken(token!));
      expect(
        await findApiTokenPrincipal(database.db, token!, new Date('2026-01-01T00:00:00Z')),
      ).toMatchObject({
        kind: 'staff',
        organisationId: 'kst-school-1',
        roles: ['registry_office'],
      });
    } finally {
      await database.close();
    }

    expect((await runCli(['api-token', 'revoke', tokenId!], provisioned.env)).code).toBe(0);
    expect((await runCli(['api-token', 'revoke', tokenId!], provisioned.env)).code).toBe(1);
    expect((await runCli(['api-token', 'list'], provisioned.env)).stdout).toMatch(/\trevoked /);
    const after = await openDatabase(provisioned.database);
    try {
      expect(
        await findApiTokenPrincipal(after.db, token!, new Date('2026-01-01T00:00:00Z')),
      ).toBeUndefined();
      const audit = await listAuditEvents(after.db, { subjectType: 'api_token' });
      expect(audit.map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['api_token.created', 'api_token.revoked']),
      );
    } finally {
      await after.close();
    }
  });
});
