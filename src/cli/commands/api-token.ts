import { parseArgs } from 'node:util';
import { useExistingAuditKey } from '../../features/installation/use-installation-keys.js';
import { loadConfig } from '../../config/config.js';
import { createApiToken } from '../../features/api-tokens/create-api-token.js';
import { revokeApiToken } from '../../features/api-tokens/revoke-api-token.js';
import { listApiTokens } from '../../storage/api-token.repository.js';
import { openDatabase } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrator.js';
import { UsageError, type Command } from '../command.js';
import { reportingDomainErrors } from '../report-domain-errors.js';

const system = { kind: 'system' as const, id: 'cli' };

export const apiTokenCommand: Command = {
  name: 'api-token',
  summary: 'API tokens for integrating systems: create, list, revoke',
  usage: `Usage:
  qyzmet api-token create --organisation ID --role ROLE [--role ROLE…] --name NAME [--staff STAFF_ID]
  qyzmet api-token list [--organisation ID]
  qyzmet api-token revoke TOKEN_ID

create prints the token once (only its SHA-256 is stored): send it as
"Authorization: Bearer <token>" to /api/v1. The token acts in one organisation with the
given staff roles (registry_office, head, executor, front_office_operator, courier,
commission_member); --staff binds it to one staff account (needed to act as an appointed
executor). A revoked token is refused with 401.`,
  run: reportingDomainErrors('api-token', async (argv) => {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        organisation: { type: 'string' },
        role: { type: 'string', multiple: true },
        name: { type: 'string' },
        staff: { type: 'string' },
      },
    });
    const [action, ...rest] = positionals;
    if (action !== 'create' && action !== 'list' && action !== 'revoke') {
      throw new UsageError('missing or unknown action (expected: create, list or revoke)');
    }
    if (action === 'create' && (!values.organisation || !values.name || !values.role?.length)) {
      throw new UsageError('create needs --organisation, --name and at least one --role');
    }
    if (action === 'revoke' && rest.length !== 1) throw new UsageError('revoke needs TOKEN_ID');
    const config = loadConfig();
    useExistingAuditKey(config.pki.directory);
    const database = await openDatabase(config.database);
    try {
      await migrateToLatest(database.db);
      switch (action) {
        case 'create': {
          const created = await createApiToken(
            database.db,
            system,
            {
              name: values.name!,
              organisationId: values.organisation!,
              roles: values.role as never,
              ...(values.staff ? { staffAccountId: values.staff } : {}),
            },
            new Date(),
          );
          console.log(`token id: ${created.tokenId}`);
          console.log(`token (shown once, keep it secret): ${created.token}`);
          return 0;
        }
        case 'list': {
          const tokens = await listApiTokens(database.db, values.organisation);
          for (const token of tokens) {
            const state = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : 'active';
            const used = token.lastUsedAt ? token.lastUsedAt.toISOString() : 'never';
            console.log(
              `${token.id}\t${token.organisationId}\t${token.roles.join(',')}\t${state}\tlast used ${used}\t${token.name}`,
            );
          }
          if (tokens.length === 0) console.log('no tokens');
          return 0;
        }
        case 'revoke':
          await revokeApiToken(database.db, system, rest[0]!, new Date());
          console.log(`token ${rest[0]} revoked`);
          return 0;
      }
    } finally {
      await database.close();
    }
  }),
};
