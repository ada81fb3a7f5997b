import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128023527 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_store" add column if not exists "stripe_location_id" text null;`);

    this.addSql(`alter table if exists "pos_tender" add column if not exists "payment_session_id" text null, add column if not exists "payment_intent_id" text null, add column if not exists "reader_id" text null, add column if not exists "failure_reason" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_tender_payment_intent_id" ON "pos_tender" ("payment_intent_id") WHERE payment_intent_id IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "pos_store" drop column if exists "stripe_location_id";`);

    this.addSql(`drop index if exists "IDX_pos_tender_payment_intent_id";`);
    this.addSql(`alter table if exists "pos_tender" drop column if exists "payment_session_id", drop column if exists "payment_intent_id", drop column if exists "reader_id", drop column if exists "failure_reason";`);
  }

}
