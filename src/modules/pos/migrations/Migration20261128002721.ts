import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128002721 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_register" drop constraint if exists "pos_register_store_id_name_unique";`);
    this.addSql(`alter table if exists "pos_staff_membership" drop constraint if exists "pos_staff_membership_staff_id_store_id_unique";`);
    this.addSql(`alter table if exists "pos_store" drop constraint if exists "pos_store_code_unique";`);
    this.addSql(`alter table if exists "pos_staff" drop constraint if exists "pos_staff_email_unique";`);
    this.addSql(`alter table if exists "pos_shift" drop constraint if exists "pos_shift_register_id_unique";`);
    this.addSql(`create table if not exists "pos_approval" ("id" text not null, "store_id" text not null, "action" text not null, "requested_by" text not null, "approved_by" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_approval_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_approval_deleted_at" ON "pos_approval" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_approval_store_id_requested_by" ON "pos_approval" ("store_id", "requested_by") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_audit_log" ("id" text not null, "actor_type" text not null, "actor_id" text not null, "store_id" text null, "action" text not null, "resource_type" text null, "resource_id" text null, "approved_by" text null, "request_id" text null, "data" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_audit_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_audit_log_deleted_at" ON "pos_audit_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_audit_log_store_id_created_at" ON "pos_audit_log" ("store_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_audit_log_actor_id" ON "pos_audit_log" ("actor_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_audit_log_action" ON "pos_audit_log" ("action") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_shift" ("id" text not null, "store_id" text not null, "register_id" text not null, "currency_code" text not null, "status" text check ("status" in ('open', 'closed')) not null default 'open', "opened_by" text not null, "opened_at" timestamptz not null, "opening_float" numeric not null, "closed_by" text null, "closed_at" timestamptz null, "expected_cash" numeric null, "counted_cash" numeric null, "variance" numeric null, "variance_approved_by" text null, "raw_opening_float" jsonb not null, "raw_expected_cash" jsonb null, "raw_counted_cash" jsonb null, "raw_variance" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_shift_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_shift_deleted_at" ON "pos_shift" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_shift_register_id_unique" ON "pos_shift" ("register_id") WHERE status = 'open' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_shift_store_id_status" ON "pos_shift" ("store_id", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_cash_movement" ("id" text not null, "amount" numeric not null, "reason" text not null, "staff_id" text not null, "approved_by" text null, "shift_id" text not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_cash_movement_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_cash_movement_shift_id" ON "pos_cash_movement" ("shift_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_cash_movement_deleted_at" ON "pos_cash_movement" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_staff" ("id" text not null, "email" text not null, "first_name" text not null, "last_name" text not null, "is_active" boolean not null default true, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_staff_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_staff_deleted_at" ON "pos_staff" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_staff_email_unique" ON "pos_staff" ("email") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_store" ("id" text not null, "name" text not null, "code" text not null, "status" text check ("status" in ('active', 'disabled')) not null default 'active', "address_1" text null, "address_2" text null, "city" text null, "province" text null, "postal_code" text null, "country_code" text null, "phone" text null, "latitude" real null, "longitude" real null, "timezone" text not null default 'UTC', "currency_code" text not null default 'usd', "opening_hours" jsonb null, "capabilities" jsonb not null, "ship_from_store_capacity" integer not null default 50, "pickup_hold_hours" integer not null default 72, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_store_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_store_deleted_at" ON "pos_store" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_store_code_unique" ON "pos_store" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_staff_membership" ("id" text not null, "role" text check ("role" in ('associate', 'manager')) not null, "pin_hash" text null, "pin_failed_attempts" integer not null default 0, "pin_locked_until" timestamptz null, "staff_id" text not null, "store_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_staff_membership_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_staff_membership_staff_id" ON "pos_staff_membership" ("staff_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_staff_membership_store_id" ON "pos_staff_membership" ("store_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_staff_membership_deleted_at" ON "pos_staff_membership" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_staff_membership_staff_id_store_id_unique" ON "pos_staff_membership" ("staff_id", "store_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_register" ("id" text not null, "name" text not null, "stripe_reader_id" text null, "is_active" boolean not null default true, "metadata" jsonb null, "store_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_register_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_register_store_id" ON "pos_register" ("store_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_register_deleted_at" ON "pos_register" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_register_store_id_name_unique" ON "pos_register" ("store_id", "name") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "pos_cash_movement" add constraint "pos_cash_movement_shift_id_foreign" foreign key ("shift_id") references "pos_shift" ("id") on update cascade;`);

    this.addSql(`alter table if exists "pos_staff_membership" add constraint "pos_staff_membership_staff_id_foreign" foreign key ("staff_id") references "pos_staff" ("id") on update cascade;`);
    this.addSql(`alter table if exists "pos_staff_membership" add constraint "pos_staff_membership_store_id_foreign" foreign key ("store_id") references "pos_store" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "pos_register" add constraint "pos_register_store_id_foreign" foreign key ("store_id") references "pos_store" ("id") on update cascade on delete cascade;`);

    // The audit log is append-only for everyone, the application included.
    this.addSql(`create or replace function pos_audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'pos_audit_log is append-only: % is not allowed', tg_op;
      end $$;`);
    this.addSql(`drop trigger if exists pos_audit_log_append_only on "pos_audit_log";`);
    this.addSql(`create trigger pos_audit_log_append_only before update or delete on "pos_audit_log"
      for each row execute function pos_audit_log_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "pos_cash_movement" drop constraint if exists "pos_cash_movement_shift_id_foreign";`);

    this.addSql(`alter table if exists "pos_staff_membership" drop constraint if exists "pos_staff_membership_staff_id_foreign";`);

    this.addSql(`alter table if exists "pos_staff_membership" drop constraint if exists "pos_staff_membership_store_id_foreign";`);

    this.addSql(`alter table if exists "pos_register" drop constraint if exists "pos_register_store_id_foreign";`);

    this.addSql(`drop table if exists "pos_approval" cascade;`);

    this.addSql(`drop table if exists "pos_audit_log" cascade;`);
    this.addSql(`drop function if exists pos_audit_log_append_only();`);

    this.addSql(`drop table if exists "pos_shift" cascade;`);

    this.addSql(`drop table if exists "pos_cash_movement" cascade;`);

    this.addSql(`drop table if exists "pos_staff" cascade;`);

    this.addSql(`drop table if exists "pos_store" cascade;`);

    this.addSql(`drop table if exists "pos_staff_membership" cascade;`);

    this.addSql(`drop table if exists "pos_register" cascade;`);
  }

}
