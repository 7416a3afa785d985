import { sql, type Kysely } from 'kysely';

/**
 * A citizen account proves its IIN (issue 16, defect 4): `identity_proof` says how —
 * a one-time code sent to the phone the mobile-citizens registry (БМГ) holds for the IIN,
 * or an ЭЦП authentication certificate whose SERIALNUMBER is the IIN — and
 * `identity_verified_at` when. Accounts registered before this migration keep both null:
 * they are unverified and must prove the IIN at their next sign-in
 * (docs/identity-and-registries.md, "Migration of unproven accounts").
 * Registration codes get their own purpose; the gateway logs calls to БМГ.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table citizen_account
      add column identity_proof text
        check (identity_proof in ('mobile_registry_otp', 'signature')),
      add column identity_verified_at timestamptz,
      add constraint citizen_account_proof_check
        check ((identity_proof is null) = (identity_verified_at is null))
  `.execute(db);
  await sql`alter table one_time_password drop constraint one_time_password_purpose_check`.execute(
    db,
  );
  await sql`
    alter table one_time_password add constraint one_time_password_purpose_check
      check (purpose in ('login', 'certify_application', 'password_reset', 'registry_consent',
        'register'))
  `.execute(db);
  await sql`alter table gateway_call drop constraint gateway_call_system_check`.execute(db);
  await sql`
    alter table gateway_call add constraint gateway_call_system_check
      check (system in ('person_registry', 'notary_registry', 'digital_documents',
        'mobile_citizens'))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table gateway_call drop constraint gateway_call_system_check`.execute(db);
  await sql`
    alter table gateway_call add constraint gateway_call_system_check
      check (system in ('person_registry', 'notary_registry', 'digital_documents'))
  `.execute(db);
  await sql`alter table one_time_password drop constraint one_time_password_purpose_check`.execute(
    db,
  );
  await sql`
    alter table one_time_password add constraint one_time_password_purpose_check
      check (purpose in ('login', 'certify_application', 'password_reset', 'registry_consent'))
  `.execute(db);
  await sql`
    alter table citizen_account drop constraint citizen_account_proof_check,
      drop column identity_verified_at, drop column identity_proof
  `.execute(db);
}
