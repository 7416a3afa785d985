import { ConfigError } from '../config/config.js';
import { SandboxDataError } from '../features/installation/record-start.js';
import { DatabaseOpenError } from '../storage/db.js';
import { UsageError } from './command.js';
import { commands } from './commands/index.js';

const HELP = `Qyzmet — public services run as their regulations prescribe

Usage: qyzmet <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(20)}${command.summary}`).join('\n')}

Run "qyzmet <command> --help" for a command's options.`;

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`qyzmet: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`qyzmet ${name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    if (
      error instanceof ConfigError ||
      error instanceof DatabaseOpenError ||
      error instanceof SandboxDataError
    ) {
      console.error(`qyzmet: ${error.message}`);
      return 78; // EX_CONFIG
    }
    throw error;
  }
}
