import { z } from 'zod';
import { DocumentType, PowerOfAttorneyStatus } from '../registries.js';

/**
 * The wire format of the registries' answers, checked before anything reaches the engine:
 * a remote system is not trusted to send what it promises.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const iin = z.string().regex(/^\d{12}$/);
const text = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export const PersonDocumentWire = z.object({
  type: z.enum(Object.values(DocumentType) as [DocumentType, ...DocumentType[]]),
  number: z.string().min(1),
  issuedBy: text,
  issuedOn: day,
  validUntil: day.optional(),
});

export const PersonRecordWire = z.object({
  iin,
  lastName: text,
  firstName: text,
  patronymic: text.optional(),
  birthDate: day,
  sex: z.enum(['male', 'female']),
  address: text,
  documents: z.array(PersonDocumentWire),
});

export const PowerOfAttorneyWire = z.object({
  number: z.string().min(1),
  principalIin: iin,
  representativeIin: iin,
  status: z.enum(
    Object.values(PowerOfAttorneyStatus) as [PowerOfAttorneyStatus, ...PowerOfAttorneyStatus[]],
  ),
  validFrom: day,
  validUntil: day,
  revokedOn: day.optional(),
  scope: text,
  notary: text,
});

export const ConsentRequestWire = z.object({
  requestId: z.string().min(1),
  expiresAt: z.string().min(1),
});

export const DigitalDocumentWire = z.object({
  iin,
  document: PersonDocumentWire,
  releaseId: z.string().min(1),
});

/** Reads `name` from a JSON body and checks it against `schema`; undefined when it does not fit. */
export function readWire<T>(body: unknown, name: string, schema: z.ZodType<T>): T | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const parsed = schema.safeParse((body as Record<string, unknown>)[name]);
  return parsed.success ? parsed.data : undefined;
}
