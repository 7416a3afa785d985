import { sql, type Kysely } from 'kysely';

/**
 * The audit trail becomes append-only in SQL, whatever the application does (issue 16,
 * defect 8), as `application_event` and `document` already are:
 *
 * - `audit_event`: no DELETE; an UPDATE only as the sealer makes it — once, on an unsealed
 *   row, setting `chain_position`, `previous_hash` and the chained `hash` and changing nothing
 *   else; no TRUNCATE (a statement-level trigger: row triggers do not see TRUNCATE).
 * - `audit_anchor` and `application_event`: no UPDATE, DELETE or TRUNCATE.
 *
 * It also adds `audit_event.mac`: HMAC-SHA256 of the row's content hash under the
 * installation's audit key, a secret kept in the PKI folder and never in the database (see
 * storage/audit.repository.ts). Null on rows written before this migration or by a process
 * without the key.
 *
 * The triggers stop the application's own role and any accident; a database owner can still
 * disable them — what that leaves detectable is in ARCHITECTURE.md, "Audit trail".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_event add column mac text
      check (mac is null or mac ~ '^[0-9a-f]{64}$');

    create function audit_event_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and old.chain_position is null and old.previous_hash is null
        and new.chain_position is not null
        and new.id = old.id
        and new.occurred_at = old.occurred_at
        and new.actor_kind = old.actor_kind
        and new.actor_id is not distinct from old.actor_id
        and new.action = old.action
        and new.subject_type = old.subject_type
        and new.subject_id is not distinct from old.subject_id
        and new.details = old.details
        and new.mac is not distinct from old.mac then
        return new;
      end if;
      raise exception 'audit_event is append-only: % refused', tg_op
        using errcode = 'restrict_violation';
    end
    $$;
    create trigger audit_event_append_only before update or delete on audit_event
      for each row execute function audit_event_guard();
    create trigger audit_event_no_truncate before truncate on audit_event
      for each statement execute function forbid_row_change();

    create trigger audit_anchor_append_only before update or delete on audit_anchor
      for each row execute function forbid_row_change();
    create trigger audit_anchor_no_truncate before truncate on audit_anchor
      for each statement execute function forbid_row_change();

    create trigger application_event_no_truncate before truncate on application_event
      for each statement execute function forbid_row_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger application_event_no_truncate on application_event;
    drop trigger audit_anchor_no_truncate on audit_anchor;
    drop trigger audit_anchor_append_only on audit_anchor;
    drop trigger audit_event_no_truncate on audit_event;
    drop trigger audit_event_append_only on audit_event;
    drop function audit_event_guard();
    alter table audit_event drop column mac;
  `.execute(db);
}
