import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** What a referral's document states, read from the accepted offer. */
export interface ReferralFactsRow {
  readonly offerId: string;
  readonly status: 'open' | 'accepted' | 'declined' | 'expired';
  readonly referralNumber: string | null;
  readonly validUntil: Date | null;
  readonly acceptedAt: Date | null;
  readonly documentId: string | null;
  readonly slipNumber: string;
  readonly parentIin: string;
  readonly childIin: string;
  readonly birthDate: string;
  readonly region: string;
  readonly district: string;
  readonly kindergartenName: Readonly<Record<string, string>>;
  readonly organisationId: string;
  readonly timeZone: string;
  readonly group: { ageFrom: number; ageTo: number; language: string; specialNeeds: string | null };
}

/** The facts of an offer's referral (undefined when the offer is unknown). */
export async function findReferralFacts(
  db: Executor,
  offerId: string,
): Promise<ReferralFactsRow | undefined> {
  const row = await db
    .selectFrom('queue_offer as o')
    .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
    .innerJoin('queue_place as p', 'p.id', 'o.place_id')
    .innerJoin('queue_group as g', 'g.id', 'p.group_id')
    .innerJoin('queue_kindergarten as k', 'k.id', 'g.kindergarten_id')
    .select([
      'o.id',
      'o.status',
      'o.referral_number',
      'o.referral_valid_until',
      'o.decided_at',
      'o.referral_document_id',
      'r.number',
      'r.parent_iin',
      'r.child_iin',
      'r.birth_date',
      'o.region',
      'o.district',
      'k.name',
      'k.organisation_id',
      'k.time_zone',
      'g.age_from',
      'g.age_to',
      'g.language',
      'g.special_needs',
    ])
    .where('o.id', '=', offerId)
    .executeTakeFirst();
  return (
    row && {
      offerId: row.id,
      status: row.status,
      referralNumber: row.referral_number,
      validUntil: row.referral_valid_until,
      acceptedAt: row.decided_at,
      documentId: row.referral_document_id,
      slipNumber: row.number,
      parentIin: row.parent_iin,
      childIin: row.child_iin,
      birthDate: row.birth_date,
      region: row.region,
      district: row.district,
      kindergartenName: row.name as Record<string, string>,
      organisationId: row.organisation_id,
      timeZone: row.time_zone,
      group: {
        ageFrom: row.age_from,
        ageTo: row.age_to,
        language: row.language,
        specialNeeds: row.special_needs,
      },
    }
  );
}

/**
 * Links the referral's issued document to its offer, unless one is linked already (two
 * issuances racing keep the first); true when this one was linked.
 */
export async function linkReferralDocument(
  db: Executor,
  offerId: string,
  documentId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('queue_offer')
    .set({ referral_document_id: documentId })
    .where('id', '=', offerId)
    .where('referral_document_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The referrals awaiting enrolment at an organisation's kindergartens (accepted, the child not
 * yet enrolled, still valid at `now`), soonest to lapse first, at most 100.
 */
export async function listReferralsAwaitingEnrolment(
  db: Executor,
  organisationId: string,
  now: Date,
) {
  const rows = await db
    .selectFrom('queue_offer as o')
    .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
    .innerJoin('queue_place as p', 'p.id', 'o.place_id')
    .innerJoin('queue_group as g', 'g.id', 'p.group_id')
    .innerJoin('queue_kindergarten as k', 'k.id', 'g.kindergarten_id')
    .select([
      'o.id',
      'o.referral_number',
      'o.referral_valid_until',
      'o.referral_document_id',
      'r.number',
      'k.name',
      'g.age_from',
      'g.age_to',
      'g.language',
      'g.special_needs',
    ])
    .where('k.organisation_id', '=', organisationId)
    .where('o.status', '=', 'accepted')
    .where('r.status', '=', 'referred')
    .where('o.referral_valid_until', '>', now)
    .orderBy('o.referral_valid_until')
    .orderBy('o.id')
    .limit(100)
    .execute();
  return rows.map((row) => ({
    offerId: row.id,
    referralNumber: row.referral_number ?? '',
    validUntil: row.referral_valid_until ?? now,
    documentId: row.referral_document_id,
    slipNumber: row.number,
    kindergartenName: row.name as Record<string, string>,
    group: {
      ageFrom: row.age_from,
      ageTo: row.age_to,
      language: row.language,
      specialNeeds: row.special_needs,
    },
  }));
}
