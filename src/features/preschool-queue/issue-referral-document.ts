import type { Bilingual, DocumentTemplate } from '../../documents/templates.js';
import { DocumentKind, findTemplate } from '../../documents/templates.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { findDocument } from '../../storage/document.repository.js';
import { findOrganisation } from '../../storage/organisation.repository.js';
import {
  findReferralFacts,
  linkReferralDocument,
  type ReferralFactsRow,
} from '../../storage/preschool-queue-referral.repository.js';
import type { TrustStore } from '../../signing/trust-store.js';
import { issueDocument } from '../documents/issue-document.js';
import { organisationSigner } from '../signing/office-signer.js';
import { getQueueRules, type QueueServices } from './queue-services.js';

/** Where the referral's signing key comes from and what its QR code points to. */
export interface ReferralSigning {
  /** PKI_DIR: the installation's CA certifies the organisation's key (office-signer.ts). */
  readonly pkiDirectory: string;
  /** PUBLIC_URL: the QR code points to `${publicUrl}/verify/<id>`. */
  readonly publicUrl: string;
  /** Issued by a sandbox installation: marked as not a legal act (docs/sandbox.md). */
  readonly sandbox?: boolean;
}

/** The referral's document: its id and number (the PDF is downloaded by id). */
export interface ReferralDocument {
  readonly documentId: string;
  readonly documentNumber: string;
  /** The trust store that checked the organisation's signature when it was issued. */
  readonly trustStore?: TrustStore;
}

const languageNames: Record<string, Bilingual> = {
  kk: { kk: 'қазақ тілі', ru: 'казахский язык' },
  ru: { kk: 'орыс тілі', ru: 'русский язык' },
};
const specialNeedsNames: Record<string, Bilingual> = {
  speech: { kk: 'логопедиялық топ', ru: 'логопедическая группа' },
};

const field = (key: string, kk: string, ru: string) => ({
  key,
  label: { kk, ru },
  type: 'text' as const,
  required: true,
});

/**
 * The referral's layout (akimat-2012-149, annex 1, its annex 7: «Направление в ДДО»): what the
 * kindergarten reads when it enrols the child. Texts kk/ru, as every issued document.
 */
const referralTemplate = (validityDays: number, extendedDays: number): DocumentTemplate => ({
  ...findTemplate(DocumentKind.referral),
  title: {
    kk: 'Мектепке дейінгі ұйымға жолдама',
    ru: 'Направление в детскую дошкольную организацию',
  },
  fields: [
    field('referralNumber', 'Жолдаманың нөмірі', 'Номер направления'),
    field('slipNumber', 'Кезекке тіркеу нөмірі', 'Номер регистрации в очереди'),
    field('childIin', 'Баланың ЖСН', 'ИИН ребенка'),
    field('birthDate', 'Баланың туған күні', 'Дата рождения ребенка'),
    field('kindergarten', 'Мектепке дейінгі ұйым', 'Дошкольная организация'),
    field('group', 'Топ', 'Группа'),
    field('validFrom', 'Жолдама берілген уақыт', 'Направление выдано'),
    field('validUntil', 'Жолдаманың жарамдылық мерзімі', 'Направление действительно до'),
    field(
      'acceptance',
      'Ата-ананың таңдауына қол қойылды',
      'Выбор подписан родителем (законным представителем)',
    ),
  ],
  paragraphs: [
    {
      kk: `Жолдама ${validityDays} күн жарамды; ата-ананың өтініші бойынша ${extendedDays} күнге дейін ұзартылады. Мерзімі ішінде балаға мектепке дейінгі ұйымға қабылданбаса, жолдаманың күші жойылады, бала кезекке тіркелген уақыты бойынша қайтарылады.`,
      ru: `Направление действительно ${validityDays} дней; по заявлению родителя продлевается до ${extendedDays} дней. Если ребенок не зачислен в дошкольную организацию в этот срок, направление утрачивает силу, ребенок возвращается в очередь по времени регистрации.`,
    },
  ],
  signerRole: {
    kk: 'Білім беру бөлімі (ұйымның кілті)',
    ru: 'Отдел образования (ключ организации)',
  },
});

/** "2026-12-04 14:03:12 (UTC+5)": the exact local time of the kindergarten's zone. */
function localTime(at: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  const offset =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')
      ?.value.replace('GMT', 'UTC') ?? 'UTC';
  return `${text} (${offset === 'UTC' ? 'UTC+0' : offset})`;
}

function bilingual(kk: string, ru: string): string {
  return kk === ru ? kk : `${kk} / ${ru}`;
}

function groupText(group: ReferralFactsRow['group']): string {
  const language = languageNames[group.language];
  const special = group.specialNeeds ? specialNeedsNames[group.specialNeeds] : undefined;
  const part = (locale: 'kk' | 'ru', years: string) =>
    [`${group.ageFrom}–${group.ageTo} ${years}`, language?.[locale], special?.[locale]]
      .filter(Boolean)
      .join(', ');
  return bilingual(part('kk', 'жас'), part('ru', 'лет'));
}

/** Tells a racing second issuance to roll its document back (the first one is kept). */
class AlreadyLinked extends Error {}

/**
 * Issues the signed referral of an accepted offer (issue 19: «accepting … issues a referral PDF
 * with QR»), once: the PDF states the referral and registration numbers, the child (IIN, birth
 * date), the kindergarten and group, when it was issued and until when it is valid, and that
 * the parent signed the choice with a one-time password at that exact time; the platform signs
 * it with the key of the kindergarten's organisation (office-signer.ts) and registers it for
 * /verify like every issued document (issue-document.ts: number, QR, CMS, audit row). The
 * parent (`citizenIin`) and the kindergarten's staff (`organisationId`) may download it.
 * Idempotent: an offer's referral has one document; an offer not accepted has none (conflict).
 */
export async function issueReferralDocument(
  services: QueueServices,
  signing: ReferralSigning,
  offerId: string,
): Promise<ReferralDocument> {
  const facts = await findReferralFacts(services.db, offerId);
  if (!facts) throw new DomainError(ErrorCode.notFound, { reason: 'queue_offer_unknown' });
  const existing = await existingDocument(services, facts);
  if (existing) return existing;
  if (facts.status !== 'accepted' || !facts.referralNumber || !facts.validUntil) {
    throw new DomainError(ErrorCode.conflict, { reason: 'offer_not_accepted' });
  }
  const acceptedAt = facts.acceptedAt ?? facts.validUntil;
  const organisation = await findOrganisation(services.db, facts.organisationId);
  if (!organisation) throw new DomainError(ErrorCode.notFound, { reason: 'organisation_unknown' });
  const rules = getQueueRules(services, facts.region);
  const now = services.now();
  const { signer, trustStore } = await organisationSigner(
    signing.pkiDirectory,
    { id: organisation.id, name: organisation.nameRu, bin: organisation.bin },
    now,
  );
  try {
    const issued = await issueDocument(
      services.db,
      { trustStore, publicUrl: signing.publicUrl },
      {
        kind: DocumentKind.referral,
        serviceCode: rules.service,
        template: referralTemplate(
          rules.referralValidityDays.value,
          rules.referralExtendedDays.value,
        ),
        applicationId: null,
        organisation: `${organisation.nameKk} / ${organisation.nameRu}`,
        fields: {
          referralNumber: facts.referralNumber,
          slipNumber: facts.slipNumber,
          childIin: facts.childIin,
          birthDate: facts.birthDate,
          kindergarten: bilingual(
            facts.kindergartenName.kk ?? facts.kindergartenName.ru ?? '',
            facts.kindergartenName.ru ?? '',
          ),
          group: groupText(facts.group),
          validFrom: localTime(acceptedAt, facts.timeZone),
          validUntil: localTime(facts.validUntil, facts.timeZone),
          acceptance: bilingual(
            `бір реттік құпия сөзбен, ${localTime(acceptedAt, facts.timeZone)}`,
            `одноразовым паролем, ${localTime(acceptedAt, facts.timeZone)}`,
          ),
        },
        signer,
        actor: { kind: 'system' },
        access: { organisationId: facts.organisationId, citizenIin: facts.parentIin },
        ...(signing.sandbox ? { sandbox: true } : {}),
        onStored: async (transaction, document) => {
          if (!(await linkReferralDocument(transaction, facts.offerId, document.id)))
            throw new AlreadyLinked();
        },
      },
      now,
    );
    return { documentId: issued.id, documentNumber: issued.number, trustStore };
  } catch (error) {
    if (!(error instanceof AlreadyLinked)) throw error;
    const again = await findReferralFacts(services.db, offerId);
    const kept = again && (await existingDocument(services, again));
    if (!kept) throw error;
    return kept;
  }
}

async function existingDocument(
  services: QueueServices,
  facts: ReferralFactsRow,
): Promise<ReferralDocument | undefined> {
  if (!facts.documentId) return undefined;
  const row = await findDocument(services.db, facts.documentId);
  return row && { documentId: row.id, documentNumber: row.number };
}
