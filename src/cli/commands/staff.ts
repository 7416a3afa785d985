import { parseArgs } from 'node:util';
import { useExistingAuditKey } from '../../features/installation/use-installation-keys.js';
import { loadConfig } from '../../config/config.js';
import { staffRoles, type StaffRole } from '../../domain/shared/roles.js';
import { createStaffAccount } from '../../features/identity/create-staff-account.js';
import { setStaffPassword } from '../../features/identity/set-staff-password.js';
import { reportingDomainErrors } from '../report-domain-errors.js';
import { openDatabase } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrator.js';
import { UsageError, type Command } from '../command.js';

export const staffCommand: Command = {
  name: 'staff',
  summary: 'Staff accounts: add one with roles in one organisation, set its password',
  usage: `Usage: qyzmet staff add --organisation ID --iin IIN --name "FULL NAME" --role ROLE [--role ROLE…]
       qyzmet staff set-password --organisation ID --iin IIN   (password on standard input)

Creates a staff account scoped to one organisation, acting as the system (for the first
administrators; later ones are added by administrators). Roles: ${staffRoles.join(', ')}.
The organisation must exist (see qyzmet seed-organisations). set-password reads the new
password (at least 10 characters) from the first line of standard input, so it never appears
in the process list or shell history; staff sign in at /staff/login.`,
  run: reportingDomainErrors('staff', async (argv) => {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        organisation: { type: 'string' },
        iin: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
      },
    });
    if (positionals[0] === 'set-password') return setPassword(values);
    if (positionals[0] !== 'add') {
      throw new UsageError('missing or unknown action (expected: add, set-password)');
    }
    if (!values.organisation || !values.iin || !values.name || !values.role?.length) {
      throw new UsageError('--organisation, --iin, --name and at least one --role are required');
    }
    const unknown = values.role.filter((role) => !(staffRoles as string[]).includes(role));
    if (unknown.length > 0) throw new UsageError(`unknown role(s): ${unknown.join(', ')}`);
    const config = loadConfig();
    useExistingAuditKey(config.pki.directory);
    const database = await openDatabase(config.database);
    try {
      await migrateToLatest(database.db);
      const { staffId } = await createStaffAccount(
        database.db,
        { kind: 'system' },
        {
          organisationId: values.organisation,
          iin: values.iin,
          fullName: values.name,
          roles: values.role as StaffRole[],
        },
        new Date(),
      );
      console.log(`staff account ${staffId} created in ${values.organisation}`);
      return 0;
    } finally {
      await database.close();
    }
  }),
};

async function readFirstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function setPassword(values: { organisation?: string; iin?: string }): Promise<number> {
  if (!values.organisation || !values.iin) {
    throw new UsageError('--organisation and --iin are required');
  }
  const password = await readFirstLine();
  const config = loadConfig();
  useExistingAuditKey(config.pki.directory);
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const { staffId } = await setStaffPassword(
      database.db,
      { kind: 'system' },
      { organisationId: values.organisation, iin: values.iin, password },
      new Date(),
    );
    console.log(`password set for staff account ${staffId}`);
    return 0;
  } finally {
    await database.close();
  }
}
