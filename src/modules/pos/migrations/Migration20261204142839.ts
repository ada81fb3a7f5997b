import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204142839 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_offline_sale" add column if not exists "resolved_at" timestamptz null, add column if not exists "resolved_by" text null, add column if not exists "resolution_note" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "pos_offline_sale" drop column if exists "resolved_at", drop column if exists "resolved_by", drop column if exists "resolution_note";`);
  }

}
