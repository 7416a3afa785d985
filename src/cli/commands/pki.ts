import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import {
  DEMO_KEY_PASSWORD,
  initialiseEmbeddedPki,
  loadTrustStore,
  revokeWithEmbeddedCa,
} from '../../signing/pki-directory.js';
import { UsageError, type Command } from '../command.js';

export const pkiCommand: Command = {
  name: 'pki',
  summary: 'Signatures: embedded CA and demo keys (pki init), trust (pki status), pki revoke',
  usage: `Usage: qyzmet pki <init|status|revoke> [--serial HEX] [--json]

  init     create the embedded default's root and issuing CA, their CRLs, and PKCS#12 key
           files for the demo citizens and staff (demo/<IIN>.p12, password ${DEMO_KEY_PASSWORD})
           in PKI_DIR (default DATA_DIR/pki); does nothing when they exist
  status   list the trusted roots, intermediate CAs and CRLs loaded from PKI_DIR
  revoke   revoke a certificate of the embedded issuing CA (--serial, hex): re-issues its CRL

Administrators add a real CA (e.g. НУЦ РК) by copying its root and issuing CA certificates
into PKI_DIR/trusted/ and its CRLs into PKI_DIR/crl/ (PEM or DER).`,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, serial: { type: 'string' } },
    });
    const action = positionals[0];
    if (action !== 'init' && action !== 'status' && action !== 'revoke') {
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
    if (action === 'revoke') {
      if (!values.serial || !/^[0-9a-fA-F]+$/.test(values.serial)) {
        throw new UsageError('revoke needs --serial with the hex serial number of the certificate');
      }
      const now = new Date();
      const count = await revokeWithEmbeddedCa(directory, values.serial, now, now);
      console.log(
        values.json ? JSON.stringify({ revoked: count }) : `CRL re-issued: ${count} revoked`,
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
