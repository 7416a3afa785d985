import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { certificateInfo } from '../../signing/certificate-info.js';
import { startNcaLayerSigner } from '../../signing/ncalayer/signer-server.js';
import { importPkcs12, Pkcs12Error } from '../../signing/pkcs12.js';
import { DEMO_KEY_PASSWORD } from '../../signing/pki-directory.js';
import { UsageError, type Command } from '../command.js';

export const signerCommand: Command = {
  name: 'signer',
  summary: 'Local NCALayer-compatible signer (WebSocket) with the keys of a PKCS#12 file',
  usage: `Usage: qyzmet signer --p12 FILE [--password PASSWORD] [--port 13579] [--host 127.0.0.1]

Loads the keys of a PKCS#12 file (e.g. data/pki/demo/<IIN>.p12 made by the embedded
default, password ${DEMO_KEY_PASSWORD}) and answers NCALayer's WebSocket protocol as
ncalayer-js-client speaks it (basics sign, createCAdESFromBase64, createCAdESFromBase64Hash,
createCMSSignatureFromBase64, getKeyInfo, getActiveTokens) with CAdES-BES signatures.
Listens on plain ws:// (the real NCALayer uses wss://127.0.0.1:13579): connect with
new NCALayerClient('ws://127.0.0.1:13579'). The password may also be given in
QYZMET_P12_PASSWORD. Prints one JSON line when listening; stops on SIGTERM or SIGINT.`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        p12: { type: 'string' },
        password: { type: 'string' },
        port: { type: 'string', default: '13579' },
        host: { type: 'string', default: '127.0.0.1' },
      },
    });
    if (!values.p12) throw new UsageError('missing --p12 FILE');
    const password = values.password ?? process.env.QYZMET_P12_PASSWORD;
    if (password === undefined) throw new UsageError('missing --password (or QYZMET_P12_PASSWORD)');
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(
        `--port must be a whole number between 0 and 65535, got "${values.port}"`,
      );
    }
    if (!fs.existsSync(values.p12)) throw new UsageError(`no such file: ${values.p12}`);
    let keys;
    try {
      keys = await importPkcs12(new Uint8Array(fs.readFileSync(values.p12)), password);
    } catch (error) {
      if (error instanceof Pkcs12Error) throw new UsageError(error.message);
      throw error;
    }
    const signer = await startNcaLayerSigner({ keys, port, host: values.host });
    console.log(
      JSON.stringify({
        listening: signer.url,
        keys: keys.entries.map((entry) => ({
          alias: entry.friendlyName,
          subject: certificateInfo(entry.certificate).identity,
        })),
      }),
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        void signer.close().then(resolve);
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    return 0;
  },
};
