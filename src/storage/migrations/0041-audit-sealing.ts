import { sql, type Kysely } from 'kysely';

/**
 * The audit trail is chained after commit instead of under a global lock (see
 * storage/audit-chain.repository.ts). A writer inserts its row unchained (`chain_position`
 * null, `previous_hash` null, `hash` over its own content); the sealer later gives committed
 * rows the next chain positions and links each to the previous one, and records an anchor
 * (position and hash of the chain's head) in the same transaction, so removing the last rows
 * is detected against the last anchor.
 *
 * Rows written before this migration are already chained in id order: they get positions
 * 1…n in that order and one anchor for their head. The hash no longer has to be unique (two
 * unchained rows with the same content hash the same); the chain position is. Unsealed rows
 * stay out of that index (it is partial), so a writer maintains one index entry less.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_event add column chain_position bigint;
    alter table audit_event drop constraint audit_event_hash_key;
    update audit_event set chain_position = numbered.position
      from (select id, row_number() over (order by id) as position from audit_event) as numbered
      where audit_event.id = numbered.id;
    create unique index audit_event_chain_position_idx on audit_event (chain_position)
      where chain_position is not null;
    create index audit_event_unsealed_idx on audit_event (id) where chain_position is null;

    create table audit_anchor (
      id bigint generated always as identity primary key,
      chain_position bigint not null unique check (chain_position > 0),
      head_hash text not null,
      sealed_at timestamptz not null
    );
    insert into audit_anchor (chain_position, head_hash, sealed_at)
      select chain_position, hash, now() from audit_event
      where chain_position is not null
      order by chain_position desc limit 1;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_anchor;
    drop index audit_event_unsealed_idx;
    drop index audit_event_chain_position_idx;
    alter table audit_event add constraint audit_event_hash_key unique (hash);
    alter table audit_event drop column chain_position;
  `.execute(db);
}
