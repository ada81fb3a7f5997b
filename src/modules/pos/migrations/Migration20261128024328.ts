import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128024328 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_refund" drop constraint if exists "pos_refund_order_id_idempotency_key_unique";`);
    this.addSql(`create table if not exists "pos_refund" ("id" text not null, "order_id" text not null, "store_id" text not null, "staff_id" text not null, "shift_id" text null, "idempotency_key" text not null, "amount" numeric not null, "currency_code" text not null, "reason" text null, "status" text check ("status" in ('pending', 'succeeded', 'failed')) not null, "parts" jsonb not null, "failure_reason" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_refund_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_refund_deleted_at" ON "pos_refund" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_refund_order_id_idempotency_key_unique" ON "pos_refund" ("order_id", "idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_refund_store_id_created_at" ON "pos_refund" ("store_id", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pos_refund" cascade;`);
  }

}
