import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/config/logger.js';
import { loadApplicationServices } from '../../src/features/applications/load-application-services.js';
import { seedDemo, type DemoSeedResult } from '../../src/features/demo/seed-demo.js';
import { startServer, type RunningServer } from '../../src/http/server.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { toPem } from '../../src/signing/certificate-info.js';
import { exportPkcs12 } from '../../src/signing/pkcs12.js';
import { createDemoPki } from '../../src/signing/demo-pki.js';
import type { CertificateHolder } from '../../src/signing/nca-conventions.js';
import {
  startNcaLayerSigner,
  type RunningSigner,
} from '../../src/signing/ncalayer/signer-server.js';
import {
  DEMO_KEY_PASSWORD,
  PkiFolder,
  embeddedPkiValidFrom,
} from '../../src/signing/pki-directory.js';
import { provisionDatabase } from './database.js';
import { testConfig } from './server.js';

/** A server with the demo data, a PKI trusted from its PKI_DIR, and a local NCALayer signer. */
export interface SigningWebServer extends RunningServer {
  readonly url: string;
  readonly demo: DemoSeedResult;
  readonly signer: RunningSigner;
  /** Every SMS the server sent (one-time passwords). */
  readonly sms: InMemorySmsOutbox;
  /** The PKI whose root the server trusts; `holders[0]` is the signer's key. */
  readonly pki: Awaited<ReturnType<typeof createDemoPki>>;
}

/**
 * Starts the real server in this process with the demo data under `now`, a fresh PKI written
 * to a temporary PKI_DIR (trusted root, issuing CA and CRLs) whose signing key is issued to
 * `signerHolder`, and the NCALayer-compatible signer with that key on a free port
 * (NCALAYER_URL points the pages to it).
 */
export async function startSigningWebServer(options: {
  now: () => Date;
  signerHolder: CertificateHolder;
}): Promise<SigningWebServer> {
  // Back-dated like the embedded PKI: the demo seed signs results on the regulations' days.
  const pki = await createDemoPki({
    now: options.now(),
    holders: [options.signerHolder],
    validFrom: embeddedPkiValidFrom,
  });
  const pkiDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-pki-'));
  for (const folder of Object.values(PkiFolder)) fs.mkdirSync(path.join(pkiDirectory, folder));
  const write = (folder: string, name: string, data: string | Uint8Array) =>
    fs.writeFileSync(path.join(pkiDirectory, folder, name), data);
  write(PkiFolder.trusted, 'root.pem', toPem(new Uint8Array(pki.root.certificate.rawData)));
  write(PkiFolder.trusted, 'issuing.pem', toPem(new Uint8Array(pki.issuing.certificate.rawData)));
  write(PkiFolder.crl, 'issuing.crl', new Uint8Array(pki.crl.rawData));
  write(PkiFolder.crl, 'root.crl', new Uint8Array(pki.rootCrl.rawData));
  // The CA's key, as `pki init` keeps it: the demo seed certifies its signers' keys with it.
  write(
    PkiFolder.embedded,
    'issuing-ca.p12',
    await exportPkcs12({
      entries: [
        {
          friendlyName: 'ca',
          privateKey: pki.issuing.privateKey,
          certificate: pki.issuing.certificate,
        },
      ],
      caCertificates: pki.issuing.chain,
      password: DEMO_KEY_PASSWORD,
    }),
  );
  const holder = pki.holders[0]!;
  const signer = await startNcaLayerSigner({
    port: 0,
    now: options.now,
    keys: {
      entries: [
        {
          friendlyName: 'signing',
          privateKey: holder.signing.privateKey,
          certificate: new Uint8Array(holder.signing.certificate.rawData),
        },
        {
          friendlyName: 'authentication',
          privateKey: holder.authentication.privateKey,
          certificate: new Uint8Array(holder.authentication.certificate.rawData),
        },
      ],
      caCertificates: holder.signing.chain.map((ca) => new Uint8Array(ca.rawData)),
    } as never,
  });
  const provisioned = await provisionDatabase();
  const base = testConfig(provisioned.database);
  const config = { ...base, pki: { directory: pkiDirectory, ncalayerUrl: signer.url } };
  const sms = new InMemorySmsOutbox();
  const server = await startServer(config, createLogger(config), { sms, now: options.now });
  const services = await loadApplicationServices(server.database.db, options.now);
  const demo = await seedDemo(services, {
    pkiDirectory,
    publicUrl: `http://127.0.0.1:${server.port}`,
  });
  return {
    ...server,
    url: `http://127.0.0.1:${server.port}`,
    demo,
    signer,
    sms,
    pki,
    close: async () => {
      await signer.close();
      await server.close();
      await provisioned.dispose();
      fs.rmSync(pkiDirectory, { recursive: true, force: true });
    },
  };
}
