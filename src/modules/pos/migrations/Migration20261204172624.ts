import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204172624 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_variant_cost" drop constraint if exists "pos_variant_cost_variant_id_currency_code_unique";`);
    this.addSql(`alter table if exists "pos_inventory_snapshot" drop constraint if exists "pos_inventory_snapshot_day_location_id_category_id_currency_code_unique";`);
    this.addSql(`create table if not exists "pos_inventory_snapshot" ("id" text not null, "day" text not null, "location_id" text not null, "store_id" text null, "category_id" text not null, "currency_code" text not null, "units" integer not null, "cost_value" numeric not null, "raw_cost_value" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_inventory_snapshot_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_inventory_snapshot_deleted_at" ON "pos_inventory_snapshot" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_inventory_snapshot_day_location_id_category_id_currency_code_unique" ON "pos_inventory_snapshot" ("day", "location_id", "category_id", "currency_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_inventory_snapshot_currency_code_day" ON "pos_inventory_snapshot" ("currency_code", "day") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_variant_cost" ("id" text not null, "variant_id" text not null, "currency_code" text not null, "amount" numeric not null, "updated_by" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_variant_cost_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_variant_cost_deleted_at" ON "pos_variant_cost" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_variant_cost_variant_id_currency_code_unique" ON "pos_variant_cost" ("variant_id", "currency_code") WHERE deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_inventory_discrepancy_task_id" ON "pos_inventory_discrepancy" ("task_id") WHERE task_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_return_store_credit_code" ON "pos_return" ("store_credit_code") WHERE store_credit_code IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_shift_store_id_opened_at" ON "pos_shift" ("store_id", "opened_at") WHERE deleted_at IS NULL;`);

    // The scorecard reads Medusa's orders by currency and date (docs/reports.md). Medusa's order module has
    // no index on created_at; the plugin adds one, only where the order table is there (same database).
    this.addSql(`DO $$ BEGIN IF to_regclass('public."order"') IS NOT NULL THEN CREATE INDEX IF NOT EXISTS "IDX_pos_report_order_currency_created_at" ON "order" ("currency_code", "created_at") WHERE deleted_at IS NULL; END IF; END $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_pos_report_order_currency_created_at";`);
    this.addSql(`drop table if exists "pos_inventory_snapshot" cascade;`);

    this.addSql(`drop table if exists "pos_variant_cost" cascade;`);

    this.addSql(`drop index if exists "IDX_pos_inventory_discrepancy_task_id";`);

    this.addSql(`drop index if exists "IDX_pos_return_store_credit_code";`);

    this.addSql(`drop index if exists "IDX_pos_shift_store_id_opened_at";`);
  }

}
