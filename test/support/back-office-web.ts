import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { createLogger } from '../../src/config/logger.js';
import { loadApplicationServices } from '../../src/engine/load-application-services.js';
import { seedDemo, type DemoSeedResult } from '../../src/features/demo/seed-demo.js';
import { startServer, type RunningServer } from '../../src/cli/server.js';
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
  /**
   * With `otherHolders`: makes the NCALayer socket sign with this holder's key from now on
   * (as if they chose their key file in NCALayer); `signerHolder`'s key at start.
   */
  useSigner(iin: string): void;
  /** Every SMS the server sent (one-time passwords). */
  readonly sms: InMemorySmsOutbox;
  /** The PKI whose root the server trusts; `holders[0]` is the signer's key, then `otherHolders`. */
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
  /** More people with keys (e.g. the front-office operator besides the head); see useSigner. */
  otherHolders?: readonly CertificateHolder[];
}): Promise<SigningWebServer> {
  // Back-dated like the embedded PKI: the demo seed signs results on the regulations' days.
  const pki = await createDemoPki({
    now: options.now(),
    holders: [options.signerHolder, ...(options.otherHolders ?? [])],
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
  const signers = new Map<string, RunningSigner>();
  for (const holder of pki.holders) {
    signers.set(
      holder.holder.iin,
      await startNcaLayerSigner({
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
      }),
    );
  }
  let active = signers.get(options.signerHolder.iin)!;
  // One holder: the pages talk to its signer; several: to a relay that forwards to the
  // signer of the holder chosen with useSigner.
  const signer = signers.size === 1 ? active : await startRelay(() => active.url);
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
    useSigner: (iin: string) => {
      const chosen = signers.get(iin);
      if (!chosen) throw new Error(`no key for ${iin}`);
      active = chosen;
    },
    close: async () => {
      if (signers.size > 1) await signer.close();
      for (const running of signers.values()) await running.close();
      await server.close();
      await provisioned.dispose();
      fs.rmSync(pkiDirectory, { recursive: true, force: true });
    },
  };
}

/** A loopback WebSocket relay to the signer at `target()` when a client connects. */
async function startRelay(target: () => string): Promise<RunningSigner> {
  const relay = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    relay.once('listening', resolve);
    relay.once('error', reject);
  });
  relay.on('connection', (client) => {
    const upstream = new WebSocket(target());
    const pending: string[] = [];
    upstream.on('open', () => {
      for (const message of pending.splice(0)) upstream.send(message);
    });
    upstream.on('message', (data) => client.send(String(data)));
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
    client.on('message', (data) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(String(data));
      else pending.push(String(data));
    });
    client.on('close', () => upstream.close());
  });
  const port = (relay.address() as AddressInfo).port;
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of relay.clients) client.terminate();
        relay.close(() => resolve());
      }),
  };
}
