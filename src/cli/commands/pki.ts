import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import {
  DEMO_KEY_PASSWORD,
  initialiseEmbeddedPki,
  loadTrustStore,
} from '../../signing/pki-directory.js';
import { UsageError, type Command } from '../command.js';

export const pkiCommand: Command = {
  name: 'pki',
  summary: 'Signatures: create the embedded CA and demo keys (pki init), list trust (pki status)',
  usage: `Usage: qyzmet pki <init|status> [--json]

  init     create the embedded default's root and issuing CA, their CRLs, and PKCS#12 key
           files for the demo citizens and staff (demo/<IIN>.p12, password ${DEMO_KEY_PASSWORD})
           in PKI_DIR (default DATA_DIR/pki); does nothing when they exist
  status   list the trusted roots, intermediate CAs and CRLs loaded from PKI_DIR

Administrators add a real CA (e.g. НУЦ РК) by copying its root and issuing CA certificates
into PKI_DIR/trusted/ and its CRLs into PKI_DIR/crl/ (PEM or DER).`,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    const action = positionals[0];
    if (action !== 'init' && action !== 'status') {
      throw new UsageError(action ? `unknown pki action "${action}"` : 'missing pki action');
    }
    const directory = loadConfig().pki.directory;
    if (action === 'init') {
      const created = await initialiseEmbeddedPki(directory, new Date());
      const summary = {
        directory,
        created: created !== undefined,
        demoKeys: created?.holders.map((h) => `${h.holder.iin}.p12`) ?? [],
      };
      if (values.json) console.log(JSON.stringify(summary));
      else if (!created) console.log(`${directory}: already initialised`);
      else
        console.log(
          `${directory}: created the embedded CA and ${summary.demoKeys.length} demo key files`,
        );
      return 0;
    }
    const loaded = loadTrustStore(directory);
    const summary = {
      directory,
      roots: loaded.roots,
      intermediates: loaded.intermediates,
      crls: loaded.crls,
      errors: loaded.errors,
    };
    if (values.json) console.log(JSON.stringify(summary));
    else {
      console.log(`trust folder: ${directory}`);
      for (const file of loaded.roots) console.log(`  root          ${file}`);
      for (const file of loaded.intermediates) console.log(`  intermediate  ${file}`);
      for (const file of loaded.crls) console.log(`  crl           ${file}`);
      for (const error of loaded.errors)
        console.log(`  error         ${error.file}: ${error.error}`);
    }
    return loaded.errors.length === 0 ? 0 : 3;
  },
};
