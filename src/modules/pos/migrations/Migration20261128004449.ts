import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128004449 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_tender" drop constraint if exists "pos_tender_sale_id_idempotency_key_unique";`);
    this.addSql(`alter table if exists "pos_sale" drop constraint if exists "pos_sale_receipt_code_unique";`);
    this.addSql(`create table if not exists "pos_inventory_discrepancy" ("id" text not null, "store_id" text not null, "location_id" text not null, "inventory_item_id" text not null, "variant_id" text not null, "sale_id" text null, "available_before" integer not null, "quantity_added" integer not null, "reversed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_inventory_discrepancy_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_inventory_discrepancy_deleted_at" ON "pos_inventory_discrepancy" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_inventory_discrepancy_store_id_created_at" ON "pos_inventory_discrepancy" ("store_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_inventory_discrepancy_sale_id" ON "pos_inventory_discrepancy" ("sale_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_sale" ("id" text not null, "store_id" text not null, "shift_id" text not null, "register_id" text not null, "staff_id" text not null, "cart_id" text not null, "order_id" text null, "currency_code" text not null, "status" text check ("status" in ('open', 'completed', 'voided')) not null default 'open', "receipt_code" text not null, "completed_at" timestamptz null, "voided_at" timestamptz null, "voided_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_sale_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_sale_deleted_at" ON "pos_sale" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_sale_store_id_status" ON "pos_sale" ("store_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_sale_shift_id" ON "pos_sale" ("shift_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_sale_receipt_code_unique" ON "pos_sale" ("receipt_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_sale_order_id" ON "pos_sale" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_tender" ("id" text not null, "type" text check ("type" in ('cash', 'card')) not null, "status" text check ("status" in ('pending', 'succeeded', 'failed', 'canceled')) not null, "amount" numeric not null, "tendered" numeric null, "change_due" numeric null, "currency_code" text not null, "idempotency_key" text not null, "staff_id" text not null, "sale_id" text not null, "raw_amount" jsonb not null, "raw_tendered" jsonb null, "raw_change_due" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_tender_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_tender_sale_id" ON "pos_tender" ("sale_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_tender_deleted_at" ON "pos_tender" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_tender_sale_id_idempotency_key_unique" ON "pos_tender" ("sale_id", "idempotency_key") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "pos_tender" add constraint "pos_tender_sale_id_foreign" foreign key ("sale_id") references "pos_sale" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "pos_tender" drop constraint if exists "pos_tender_sale_id_foreign";`);

    this.addSql(`drop table if exists "pos_inventory_discrepancy" cascade;`);

    this.addSql(`drop table if exists "pos_sale" cascade;`);

    this.addSql(`drop table if exists "pos_tender" cascade;`);
  }

}
