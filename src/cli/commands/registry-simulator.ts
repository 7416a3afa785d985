import { parseArgs } from 'node:util';
import { startSimulatorServer } from '../../integrations/simulator/server.js';
import { UsageError, type Command } from '../command.js';

export const registrySimulatorCommand: Command = {
  name: 'registry-simulator',
  summary: 'Run the state-registry simulator (ГБД ФЛ, ЕНИС, digital documents) as an HTTP service',
  usage: `Usage: qyzmet registry-simulator [--port N] [--host H] [--no-control]

Serves synthetic people, powers of attorney and digital documents over the wire protocol
the HTTP adapters speak (default port 4010, host 127.0.0.1). Test control under
/__control (fault injection, consent codes) unless --no-control. Stops on SIGTERM/SIGINT.`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        'no-control': { type: 'boolean', default: false },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a whole number 0–65535, got "${values.port}"`);
    }
    const running = await startSimulatorServer({
      port,
      host: values.host,
      control: !values['no-control'],
    });
    console.log(
      `registry simulator on ${running.url} (${running.simulator.data.people.length} synthetic people)`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => void running.close().then(resolve);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    return 0;
  },
};
