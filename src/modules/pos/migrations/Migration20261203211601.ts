import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203211601 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_tender" add column if not exists "request_hash" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "pos_tender" drop column if exists "request_hash";`);
  }

}
