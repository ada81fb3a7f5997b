import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205020000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_tender" drop constraint if exists "pos_tender_type_check";`);
    this.addSql(`alter table if exists "pos_tender" add constraint "pos_tender_type_check" check ("type" in ('cash', 'card', 'gift_card', 'store_credit'));`);
    this.addSql(`alter table if exists "pos_tender" add column if not exists "credit_reference_id" text null, add column if not exists "credit_code" text null, add column if not exists "balance_before" numeric null, add column if not exists "raw_balance_before" jsonb null;`);
    this.addSql(`alter table if exists "pos_return" add column if not exists "store_credit_account_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "pos_return" drop column if exists "store_credit_account_id";`);
    this.addSql(`alter table if exists "pos_tender" drop column if exists "credit_reference_id", drop column if exists "credit_code", drop column if exists "balance_before", drop column if exists "raw_balance_before";`);
    this.addSql(`alter table if exists "pos_tender" drop constraint if exists "pos_tender_type_check";`);
    this.addSql(`alter table if exists "pos_tender" add constraint "pos_tender_type_check" check ("type" in ('cash', 'card'));`);
  }

}
