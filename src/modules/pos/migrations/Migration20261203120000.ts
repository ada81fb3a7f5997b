import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * The audit log's protection, completed so that it holds against any role that
 * is neither the table's owner nor a superuser (the application role of
 * docs/production.md):
 * - TRUNCATE skips row triggers, so a statement trigger refuses it too;
 * - both triggers fire ALWAYS, so that `session_replication_role = replica`
 *   (which silences ordinary triggers) does not turn them off.
 * Only the owner or a superuser can disable or drop a trigger; revoking UPDATE,
 * DELETE and TRUNCATE from the application role is the other half (see the doc).
 */
export class Migration20261203120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop trigger if exists pos_audit_log_no_truncate on "pos_audit_log";`);
    this.addSql(`create trigger pos_audit_log_no_truncate before truncate on "pos_audit_log"
      for each statement execute function pos_audit_log_append_only();`);
    this.addSql(`alter table if exists "pos_audit_log" enable always trigger pos_audit_log_append_only;`);
    this.addSql(`alter table if exists "pos_audit_log" enable always trigger pos_audit_log_no_truncate;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists pos_audit_log_no_truncate on "pos_audit_log";`);
    this.addSql(`alter table if exists "pos_audit_log" enable trigger pos_audit_log_append_only;`);
  }

}
