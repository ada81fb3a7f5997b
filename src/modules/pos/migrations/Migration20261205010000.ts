import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205010000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "pos_customer_consent" ("id" text not null, "customer_id" text not null, "purpose" text not null, "granted" boolean not null, "source" text not null, "recorded_by_type" text not null, "recorded_by" text not null, "store_id" text null, "wording" text not null, "seq" serial, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_customer_consent_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_customer_consent_deleted_at" ON "pos_customer_consent" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_customer_consent_customer_id_purpose_created_at" ON "pos_customer_consent" ("customer_id", "purpose", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_customer_note" ("id" text not null, "customer_id" text not null, "store_id" text not null, "staff_id" text not null, "text" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_customer_note_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_customer_note_deleted_at" ON "pos_customer_note" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_customer_note_customer_id_created_at" ON "pos_customer_note" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "pos_product_view" ("id" text not null, "customer_id" text not null, "product_id" text not null, "variant_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_product_view_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_product_view_deleted_at" ON "pos_product_view" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_product_view_customer_id_created_at" ON "pos_product_view" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pos_customer_consent" cascade;`);
    this.addSql(`drop table if exists "pos_customer_note" cascade;`);
    this.addSql(`drop table if exists "pos_product_view" cascade;`);
  }

}
