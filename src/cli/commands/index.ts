import type { Command } from '../command.js';
import { apiTokenCommand } from './api-token.js';
import { auditCommand } from './audit.js';
import { calendarCommand } from './calendar.js';
import { dbCommand } from './db.js';
import { pkiCommand } from './pki.js';
import { demoCommand } from './demo.js';
import { regulationsCommand } from './regulations.js';
import { registrySimulatorCommand } from './registry-simulator.js';
import { seedOrganisationsCommand } from './seed-organisations.js';
import { serveCommand } from './serve.js';
import { signerCommand } from './signer.js';
import { staffCommand } from './staff.js';
import { workerCommand } from './worker.js';

/** Every subcommand of `qyzmet`, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  serveCommand,
  dbCommand,
  auditCommand,
  regulationsCommand,
  calendarCommand,
  seedOrganisationsCommand,
  registrySimulatorCommand,
  staffCommand,
  apiTokenCommand,
  pkiCommand,
  signerCommand,
  workerCommand,
  demoCommand,
];
