import {
  templateOf,
  verificationCode,
  type DocumentContent,
} from '../../documents/document-content.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { findReadableDocument } from './download-document.js';

type Bilingual = { readonly kk: string; readonly ru: string };

/** A document as its print view shows it: what its PDF prints, as text. */
export interface PrintableDocument {
  readonly id: string;
  readonly number: string;
  readonly language: 'kk' | 'ru' | 'bilingual';
  readonly organisation: string | null;
  readonly title: Bilingual;
  readonly replacesNumber: string | null;
  readonly fields: readonly {
    readonly label: Bilingual;
    readonly value: string | readonly string[] | { columns: Bilingual[]; rows: string[][] };
  }[];
  /** The template's paragraphs with the fields filled in. */
  readonly paragraphs: readonly Bilingual[];
  readonly signerRole: Bilingual;
  readonly signerName: string;
  readonly signedAt: Date;
  /** The code printed on the PDF that `/verify` accepts. */
  readonly verificationCode: string;
  readonly sandbox: boolean;
}

const fill = (template: string, fields: DocumentContent['fields']) =>
  template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = fields[key];
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : '';
  });

/**
 * The print view of a document (issue 18, point 7: "printable receipts, not only a PDF link"):
 * the same content its PDF prints — title, number, fields, paragraphs, signer and the
 * verification code — for the same people who may download the PDF (else not found), audited
 * as a read like the download.
 */
export async function getPrintableDocument(
  services: ApplicationServices,
  principal: Principal,
  documentId: string,
): Promise<PrintableDocument> {
  const document = await findReadableDocument(services, principal, documentId);
  const content = document.content as unknown as DocumentContent;
  const template = templateOf(content);
  const fields = template.fields.flatMap((field): PrintableDocument['fields'][number][] => {
    const value = content.fields[field.key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      return [];
    if (field.type === 'table') {
      return [
        {
          label: field.label,
          value: { columns: field.columns ?? [], rows: value as string[][] },
        },
      ];
    }
    return [
      { label: field.label, value: field.type === 'list' ? (value as string[]) : String(value) },
    ];
  });
  return {
    id: document.id,
    number: document.number,
    language: document.language,
    organisation: content.organisation ?? null,
    title: template.title,
    replacesNumber: content.replacesNumber ?? null,
    fields,
    paragraphs: (template.paragraphs ?? []).map((paragraph) => ({
      kk: fill(paragraph.kk, content.fields),
      ru: fill(paragraph.ru, content.fields),
    })),
    signerRole: template.signerRole,
    signerName: document.signerName,
    signedAt: document.signedAt,
    verificationCode: verificationCode(document.id),
    sandbox: content.sandbox === true,
  };
}
