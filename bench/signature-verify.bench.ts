// Full verification of a CAdES-BES signature (structure, digest, signing-certificate binding,
// signature value, chain to a trusted root, validity at signing time, key purpose, CRL and
// IIN match), against the bare cost of one crypto.verify of the same signature bytes, in the
// same run. Goal (product.md): ≥ 500 full verifications per second per core.
import { randomBytes, verify } from 'node:crypto';
import * as pkijs from 'pkijs';
import { certificateInfo } from '../src/signing/certificate-info.js';
import { signCms } from '../src/signing/cms-sign.js';
import { verifyCms } from '../src/signing/cms-verify.js';
import { createDemoPki } from '../src/signing/demo-pki.js';
import { report } from './support/report.js';

const DURATION_MS = 1000;
const now = new Date();
const citizen = {
  iin: '900101300123',
  surname: 'Сейітқали',
  name: 'Әлия',
  patronymic: 'Нұрланқызы',
};
const pki = await createDemoPki({ now, holders: [citizen] });
const trustStore = pki.trustStore();
const content = new Uint8Array(randomBytes(4096));
const credential = pki.holders[0]!.signing;
const cms = await signCms({ credential, content, signingTime: now, attached: false });

// The same signature bytes for the baseline: the signed attributes (as SET) and the value.
const signerInfo = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content })
  .signerInfos[0]!;
const signedAttributes = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
signedAttributes[0] = 0x31;
const signature = signerInfo.signature.valueBlock.valueHexView;
const publicKey = certificateInfo(new Uint8Array(credential.certificate.rawData)).publicKey;

function rate(work: () => boolean): number {
  for (let i = 0; i < 200; i += 1) if (!work()) throw new Error('verification failed');
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    for (let i = 0; i < 50; i += 1) if (!work()) throw new Error('verification failed');
    count += 50;
  }
  return count / ((performance.now() - started) / 1000);
}

const baseline = rate(() => verify('sha256', signedAttributes, publicKey, signature));
const full = rate(
  () => verifyCms({ cms, content, trustStore, now, expected: { iin: citizen.iin } }).valid,
);

report({
  bench: 'signature.verify',
  value: full,
  unit: 'ops/s',
  baseline,
  baselineName: 'crypto.verify of the same signature bytes (RSA-2048, SHA-256)',
  contentBytes: content.length,
  goal: 500,
});
