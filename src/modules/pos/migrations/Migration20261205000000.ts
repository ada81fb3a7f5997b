import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205000000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_return" add column if not exists "order_change_id" text null, add column if not exists "medusa_done_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "pos_return" drop column if exists "order_change_id", drop column if exists "medusa_done_at";`);
  }

}
