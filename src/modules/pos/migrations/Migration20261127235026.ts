import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127235026 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_store" drop constraint if exists "pos_store_code_unique";`);
    this.addSql(`create table if not exists "pos_store" ("id" text not null, "name" text not null, "code" text not null, "status" text check ("status" in ('active', 'disabled')) not null default 'active', "address_1" text null, "address_2" text null, "city" text null, "province" text null, "postal_code" text null, "country_code" text null, "phone" text null, "latitude" real null, "longitude" real null, "timezone" text not null default 'UTC', "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_store_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_store_deleted_at" ON "pos_store" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_pos_store_code_unique" ON "pos_store" ("code") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pos_store" cascade;`);
  }

}
