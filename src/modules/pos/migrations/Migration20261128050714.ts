import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128050714 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_return" drop constraint if exists "pos_return_order_id_idempotency_key_unique";`);
    this.addSql(`create table if not exists "pos_return" ("id" text not null, "order_id" text not null, "store_id" text not null, "staff_id" text not null, "idempotency_key" text not null, "return_id" text null, "exchange_id" text null, "status" text check ("status" in ('received', 'refund_failed', 'refunded', 'credited', 'settled')) not null, "refund_to" text not null, "currency_code" text not null, "amount" numeric not null, "new_items_amount" numeric null, "collected_amount" numeric null, "lines" jsonb not null, "movements" jsonb not null, "refund_id" text null, "store_credit_code" text null, "approval_id" text null, "override_reason" text null, "failure_reason" text null, "received_at" timestamptz not null, "refunded_at" timestamptz null, "raw_amount" jsonb not null, "raw_new_items_amount" jsonb null, "raw_collected_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_return_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_return_deleted_at" ON "pos_return" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_return_order_id_idempotency_key_unique" ON "pos_return" ("order_id", "idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_return_store_id_created_at" ON "pos_return" ("store_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "pos_store" add column if not exists "refurbish_location_id" text null, add column if not exists "quarantine_location_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pos_return" cascade;`);

    this.addSql(`alter table if exists "pos_store" drop column if exists "refurbish_location_id", drop column if exists "quarantine_location_id";`);
  }

}
