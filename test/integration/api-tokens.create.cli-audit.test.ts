import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordStart } from '../../src/features/installation/record-start.js';
import { useInstallationKeys } from '../../src/features/installation/use-installation-keys.js';
import { openDatabase } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { createOrganisation } from '../support/applications.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { runCli } from '../support/server.js';

/**
 * Issue 16: the command-line tools that write audit rows (`qyzmet api-token create`, `staff
 * add`) write them with the installation's audit key, as the server does, so that `qyzmet
 * audit verify` — which refuses an unkeyed row after a keyed one — still finds the trail
 * intact. (Before: the CLI wrote unkeyed rows, and a token created after the server's first
 * start broke the trail: mac_mismatch.)
 */
describe(`audit rows of the command line carry the installation's MAC on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  let env: Record<string, string>;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-cli-audit-'));

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    env = { ...provisioned.env, PKI_DIR: path.join(scratch, 'pki') };
    const database = await openDatabase(provisioned.database);
    await migrateToLatest(database.db);
    // As the server's first start does: the installation's keys; its start row is keyed.
    const instance = await recordStart(database.db, new Date('2026-12-03T04:00:00Z'));
    await useInstallationKeys(env.PKI_DIR!, instance.installationId, new Date());
    await createOrganisation(database, {
      id: 'wk-school',
      kind: 'school',
      regionCode: 'west-kazakhstan',
    });
    await database.close();
  });
  afterAll(async () => {
    await provisioned?.dispose();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('creates a token and a staff account, and audit verify finds the trail intact with MACs', async () => {
    const token = await runCli(
      ['api-token', 'create', '--organisation', 'wk-school', '--role', 'head', '--name', 'erp'],
      env,
    );
    expect(token.stderr).toBe('');
    expect(token.code).toBe(0);
    const tokenId = /token id: (\S+)/.exec(token.stdout)?.[1];
    expect(tokenId).toBeTruthy();
    const staff = await runCli(
      [
        'staff',
        'add',
        '--organisation',
        'wk-school',
        '--iin',
        '900101300007',
        '--name',
        'Айгерім Сәрсенова',
        '--role',
        'head',
      ],
      env,
    );
    expect(staff.code).toBe(0);

    const database = await openDatabase(provisioned.database);
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['action', 'mac'])
      .where('action', 'in', ['api_token.created', 'staff_account.created'])
      .execute();
    await database.close();
    expect(rows.map((row) => row.action).sort()).toEqual([
      'api_token.created',
      'staff_account.created',
    ]);
    expect(rows.every((row) => row.mac !== null)).toBe(true);

    const verified = await runCli(['audit', 'verify', '--json'], env);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      isIntact: true,
      unsealedRows: 0,
      macsChecked: true,
    });
    expect(verified.code).toBe(0);
  });
});
