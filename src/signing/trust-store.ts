import { verify as verifySignature } from 'node:crypto';
import * as pkijs from 'pkijs';
import {
  certificateInfo,
  crlIssuerKey,
  hashOfSignatureAlgorithm,
  normaliseSerial,
  toHex,
  type CertificateInfo,
} from './certificate-info.js';

/** A parsed, signature-checked certificate revocation list. */
export interface RevocationList {
  issuerKey: string;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  /** Serial number (normalised hex) → revocation time. */
  revoked: ReadonlyMap<string, Date>;
}

/** The result of building a chain from a certificate up to a trusted root. */
export type ChainResult = { found: true; chain: CertificateInfo[] } | { found: false };

const MAX_DEPTH = 6;

/**
 * The trusted roots, intermediate CAs and revocation lists a verifier relies on. Parsed once
 * and kept in memory (the CA certificates and CRLs are the hot, shared part of every
 * verification); chains that were found are cached by the leaf's fingerprint. The embedded
 * CA's certificates are added at boot; administrators add real roots (НУЦ РК's "КУЦ РК")
 * and CRLs as files (see trust-store-files.ts).
 */
export class TrustStore {
  private readonly roots = new Map<string, CertificateInfo>();
  private readonly bySubject = new Map<string, CertificateInfo[]>();
  private readonly crls = new Map<string, RevocationList>();
  private readonly chains = new Map<string, CertificateInfo[]>();

  /** Adds a trusted root (a self-signed CA certificate). */
  addRoot(der: Uint8Array): CertificateInfo {
    const info = certificateInfo(der);
    if (!info.isCa) throw new Error('a trusted root must be a CA certificate');
    this.roots.set(info.fingerprint, info);
    this.index(info);
    return info;
  }

  /** Adds an intermediate (issuing) CA certificate; trusted only through a chain to a root. */
  addIntermediate(der: Uint8Array): CertificateInfo {
    const info = certificateInfo(der);
    if (!info.isCa) throw new Error('an intermediate must be a CA certificate');
    this.index(info);
    return info;
  }

  /**
   * Adds a CRL after checking its signature against a known CA certificate. A newer CRL of
   * the same issuer replaces an older one. Throws when the issuer is unknown or the
   * signature is wrong.
   */
  addCrl(der: Uint8Array): RevocationList {
    const crl = pkijs.CertificateRevocationList.fromBER(der);
    const issuerKey = crlIssuerKey(der);
    const issuers = this.bySubject.get(issuerKey) ?? [];
    const hash = hashOfSignatureAlgorithm(crl.signatureAlgorithm.algorithmId);
    const tbs = crl.tbsView;
    const signature = crl.signatureValue.valueBlock.valueHexView;
    const issuer = issuers.find(
      (candidate) =>
        hash !== undefined && verifySignature(hash, tbs, candidate.publicKey, signature),
    );
    if (!issuer) throw new Error('the CRL is not signed by a known CA');
    const revoked = new Map<string, Date>();
    for (const entry of crl.revokedCertificates ?? []) {
      revoked.set(
        normaliseSerial(toHex(entry.userCertificate.valueBlock.valueHexView)),
        entry.revocationDate.value,
      );
    }
    const list: RevocationList = {
      issuerKey,
      thisUpdate: crl.thisUpdate.value,
      nextUpdate: crl.nextUpdate?.value,
      revoked,
    };
    const existing = this.crls.get(issuerKey);
    if (!existing || existing.thisUpdate <= list.thisUpdate) this.crls.set(issuerKey, list);
    return list;
  }

  /** The CRL of the CA that issued this certificate, if any is known. */
  findCrl(certificate: CertificateInfo): RevocationList | undefined {
    return this.crls.get(certificate.issuerKey);
  }

  /** Whether this certificate is one of the trusted roots. */
  isRoot(certificate: CertificateInfo): boolean {
    return this.roots.has(certificate.fingerprint);
  }

  /** The trusted roots, for export (e.g. a CA file for OpenSSL). */
  listRoots(): CertificateInfo[] {
    return [...this.roots.values()];
  }

  /**
   * Builds a chain leaf → … → trusted root, using the store's CA certificates and `extra`
   * ones (e.g. those carried in a CMS). Each link's signature and CA flag are checked.
   * Validity periods and revocation are not: they depend on the time of signing.
   */
  buildChain(leaf: CertificateInfo, extra: readonly CertificateInfo[] = []): ChainResult {
    const cached = this.chains.get(leaf.fingerprint);
    if (cached) return { found: true, chain: cached };
    const chain = [leaf];
    let current = leaf;
    for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
      if (this.roots.has(current.fingerprint)) {
        this.chains.set(leaf.fingerprint, chain);
        return { found: true, chain };
      }
      const candidates = [
        ...(this.bySubject.get(current.issuerKey) ?? []),
        ...extra.filter((c) => c.subjectKey === current.issuerKey),
      ];
      const issuer = candidates.find(
        (candidate) =>
          candidate.isCa &&
          candidate.fingerprint !== current.fingerprint &&
          (candidate.keyUsage === undefined || candidate.keyUsage.keyCertSign) &&
          current.node.verify(candidate.publicKey),
      );
      if (!issuer) return { found: false };
      chain.push(issuer);
      current = issuer;
    }
    return { found: false };
  }

  private index(info: CertificateInfo): void {
    const list = this.bySubject.get(info.subjectKey) ?? [];
    if (!list.some((c) => c.fingerprint === info.fingerprint)) list.push(info);
    this.bySubject.set(info.subjectKey, list);
  }
}
