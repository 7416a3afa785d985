import type * as x509 from './x509.js';
import {
  createIssuingCa,
  createRootCa,
  issueCertificate,
  issueCrl,
  type CertificateAuthority,
  type IssuedCredential,
  type Revocation,
} from './certificate-authority.js';
import { CertificatePurpose, type CertificateHolder } from './nca-conventions.js';
import { TrustStore } from './trust-store.js';

const DAY_MS = 86_400_000;

/** A holder's two keys, as НУЦ issues them: authentication and signing. */
export interface HolderCredentials {
  holder: CertificateHolder;
  signing: IssuedCredential;
  authentication: IssuedCredential;
}

/** The embedded default's PKI: root, issuing CA, a CRL and credentials for each holder. */
export interface DemoPki {
  root: CertificateAuthority;
  issuing: CertificateAuthority;
  /** The issuing CA's CRL (holders' certificates). */
  crl: x509.X509Crl;
  /** The root's CRL (the issuing CA's certificate). */
  rootCrl: x509.X509Crl;
  holders: HolderCredentials[];
  /** A new trust store with the root, the issuing CA and the current `crl`. */
  trustStore(): TrustStore;
}

/**
 * Creates a complete PKI in memory for the embedded default, development and tests:
 * a root valid 20 years, an issuing CA valid 10 years, holder certificates valid one year
 * from `now` (all from `validFrom` when given), and an empty CRL (or one with `revoked`)
 * valid 7 days.
 */
export async function createDemoPki(options: {
  now: Date;
  holders: readonly CertificateHolder[];
  revoked?: readonly Revocation[];
  /**
   * Back-dates every certificate to this instant (their ends stay relative to `now`): the
   * embedded PKI signs demo applications dated inside the regulations' historical periods.
   */
  validFrom?: Date;
}): Promise<DemoPki> {
  const start = options.validFrom ?? new Date(options.now.getTime() - DAY_MS);
  const end = options.now.getTime() - DAY_MS;
  const root = await createRootCa({
    commonName: 'QYZMET ROOT CA (RSA)',
    notBefore: start,
    notAfter: new Date(end + 20 * 365 * DAY_MS),
  });
  const issuing = await createIssuingCa(root, {
    commonName: 'QYZMET ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)',
    notBefore: start,
    notAfter: new Date(end + 10 * 365 * DAY_MS),
  });
  const holderDays = Math.ceil((end - start.getTime()) / DAY_MS) + 365;
  const holders: HolderCredentials[] = [];
  for (const holder of options.holders) {
    holders.push(await issueHolderCredentials(issuing, holder, start, holderDays));
  }
  const crl = await issueCrl(issuing, {
    revoked: options.revoked ?? [],
    thisUpdate: start,
    nextUpdate: new Date(options.now.getTime() + 7 * DAY_MS),
  });
  const rootCrl = await issueCrl(root, {
    revoked: [],
    thisUpdate: start,
    nextUpdate: new Date(options.now.getTime() + 7 * DAY_MS),
  });
  const pki: DemoPki = {
    root,
    issuing,
    crl,
    rootCrl,
    holders,
    trustStore() {
      const store = new TrustStore();
      store.addRoot(new Uint8Array(root.certificate.rawData));
      store.addIntermediate(new Uint8Array(issuing.certificate.rawData));
      store.addCrl(new Uint8Array(pki.rootCrl.rawData));
      store.addCrl(new Uint8Array(pki.crl.rawData));
      return store;
    },
  };
  return pki;
}

/** Issues a holder's authentication and signing certificates, valid `days` from `notBefore`. */
export async function issueHolderCredentials(
  ca: CertificateAuthority,
  holder: CertificateHolder,
  notBefore: Date,
  days: number,
): Promise<HolderCredentials> {
  const notAfter = new Date(notBefore.getTime() + days * DAY_MS);
  return {
    holder,
    signing: await issueCertificate(ca, {
      holder,
      purpose: CertificatePurpose.signing,
      notBefore,
      notAfter,
    }),
    authentication: await issueCertificate(ca, {
      holder,
      purpose: CertificatePurpose.authentication,
      notBefore,
      notAfter,
    }),
  };
}

/** The demo citizens and staff of the embedded default (synthetic people). */
export const demoHolders: readonly CertificateHolder[] = [
  { iin: '900101300123', surname: 'Сейітқали', name: 'Әлия', patronymic: 'Нұрланқызы' },
  { iin: '850505400234', surname: 'Иванов', name: 'Пётр', patronymic: 'Сергеевич' },
  {
    iin: '780312350345',
    surname: 'Жұмабеков',
    name: 'Ержан',
    patronymic: 'Бауыржанұлы',
    organisation: {
      name: 'ГУ «Отдел образования города Актобе»',
      bin: '040340001234',
      isHead: true,
    },
  },
  {
    iin: '920715450456',
    surname: 'Ким',
    name: 'Светлана',
    patronymic: 'Викторовна',
    organisation: { name: 'НАО «Правительство для граждан»', bin: '160440007161' },
  },
];
