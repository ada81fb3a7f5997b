import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204112301 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "pos_stock_count" ("id" text not null, "store_id" text not null, "location_id" text not null, "label" text not null, "scope" jsonb not null, "status" text check ("status" in ('open', 'pending_approval', 'applied', 'canceled')) not null default 'open', "created_by" text not null, "submitted_by" text null, "submitted_at" timestamptz null, "approved_by" text null, "applied_at" timestamptz null, "variance_units" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_stock_count_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_stock_count_deleted_at" ON "pos_stock_count" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_stock_count_store_id_status" ON "pos_stock_count" ("store_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_stock_count_store_id_created_at" ON "pos_stock_count" ("store_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_stock_count_line" ("id" text not null, "count_id" text not null, "store_id" text not null, "location_id" text not null, "inventory_item_id" text not null, "variant_id" text not null, "sku" text null, "title" text not null, "expected" integer null, "counted" integer null, "corrected" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_stock_count_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_stock_count_line_deleted_at" ON "pos_stock_count_line" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_stock_count_line_count_id" ON "pos_stock_count_line" ("count_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_stock_count_line_location_id_inventory_item_id" ON "pos_stock_count_line" ("location_id", "inventory_item_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_stock_count_line_store_id_created_at" ON "pos_stock_count_line" ("store_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "pos_store_task" add column if not exists "pickup_code_sealed" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pos_stock_count" cascade;`);

    this.addSql(`drop table if exists "pos_stock_count_line" cascade;`);

    this.addSql(`alter table if exists "pos_store_task" drop column if exists "pickup_code_sealed";`);
  }

}
