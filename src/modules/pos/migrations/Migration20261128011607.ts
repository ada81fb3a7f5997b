import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128011607 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_offline_sale" drop constraint if exists "pos_offline_sale_register_id_client_txn_id_unique";`);
    this.addSql(`create table if not exists "pos_offline_sale" ("id" text not null, "store_id" text not null, "register_id" text not null, "client_txn_id" text not null, "recorded_at" timestamptz not null, "staff_id" text not null, "status" text check ("status" in ('applied', 'needs_attention', 'rejected')) not null, "sale_id" text null, "order_id" text null, "reason" text null, "conflicts" jsonb null, "payload" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_offline_sale_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_offline_sale_deleted_at" ON "pos_offline_sale" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_offline_sale_register_id_client_txn_id_unique" ON "pos_offline_sale" ("register_id", "client_txn_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_offline_sale_store_id_status" ON "pos_offline_sale" ("store_id", "status") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pos_offline_sale" cascade;`);
  }

}
