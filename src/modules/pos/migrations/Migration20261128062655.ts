import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128062655 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_setting" drop constraint if exists "pos_setting_key_unique";`);
    this.addSql(`alter table if exists "pos_return" drop constraint if exists "pos_return_order_id_idempotency_key_unique";`);
    this.addSql(`create table if not exists "pos_return" ("id" text not null, "order_id" text not null, "store_id" text not null, "staff_id" text not null, "idempotency_key" text not null, "return_id" text null, "exchange_id" text null, "status" text check ("status" in ('receiving', 'received', 'refund_failed', 'refunded', 'credited', 'settled')) not null, "refund_to" text not null, "currency_code" text not null, "amount" numeric not null, "new_items_amount" numeric null, "collected_amount" numeric null, "lines" jsonb not null, "movements" jsonb not null, "refund_id" text null, "store_credit_code" text null, "approval_id" text null, "override_reason" text null, "failure_reason" text null, "received_at" timestamptz not null, "refunded_at" timestamptz null, "raw_amount" jsonb not null, "raw_new_items_amount" jsonb null, "raw_collected_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_return_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_return_deleted_at" ON "pos_return" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_return_order_id_idempotency_key_unique" ON "pos_return" ("order_id", "idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_return_store_id_created_at" ON "pos_return" ("store_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_setting" ("id" text not null, "key" text not null, "value" jsonb not null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_setting_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_setting_deleted_at" ON "pos_setting" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_setting_key_unique" ON "pos_setting" ("key") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_store_task" ("id" text not null, "store_id" text not null, "order_id" text not null, "decision_id" text null, "location_id" text not null, "kind" text check ("kind" in ('ship', 'pickup')) not null, "status" text check ("status" in ('open', 'picked', 'ready', 'shipped', 'collected', 'expired', 'canceled')) not null default 'open', "lines" jsonb not null, "note" text null, "pickup_code" text null, "ready_at" timestamptz null, "expires_at" timestamptz null, "arrived_at" timestamptz null, "arrival_note" text null, "failed_check_ins" integer not null default 0, "collected_at" timestamptz null, "shipped_at" timestamptz null, "tracking_number" text null, "fulfillment_id" text null, "units" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_store_task_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_store_task_deleted_at" ON "pos_store_task" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_store_task_store_id_status" ON "pos_store_task" ("store_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_store_task_order_id" ON "pos_store_task" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "pos_inventory_discrepancy" add column if not exists "task_id" text null, add column if not exists "reason" text null;`);

    this.addSql(`alter table if exists "pos_routing_decision" add column if not exists "rerouted_from_task_id" text null, add column if not exists "remainder" jsonb null;`);

    this.addSql(`alter table if exists "pos_store" add column if not exists "refurbish_location_id" text null, add column if not exists "quarantine_location_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pos_return" cascade;`);

    this.addSql(`drop table if exists "pos_setting" cascade;`);

    this.addSql(`drop table if exists "pos_store_task" cascade;`);

    this.addSql(`alter table if exists "pos_inventory_discrepancy" drop column if exists "task_id", drop column if exists "reason";`);

    this.addSql(`alter table if exists "pos_routing_decision" drop column if exists "rerouted_from_task_id", drop column if exists "remainder";`);

    this.addSql(`alter table if exists "pos_store" drop column if exists "refurbish_location_id", drop column if exists "quarantine_location_id";`);
  }

}
