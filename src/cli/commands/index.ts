import type { Command } from '../command.js';
import { dbCommand } from './db.js';
import { pkiCommand } from './pki.js';
import { serveCommand } from './serve.js';
import { signerCommand } from './signer.js';

/** Every subcommand of `qyzmet`, in the order `--help` lists them. */
export const commands: readonly Command[] = [serveCommand, dbCommand, pkiCommand, signerCommand];
