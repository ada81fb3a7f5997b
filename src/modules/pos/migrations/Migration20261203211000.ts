import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Pickup codes are no longer stored in plain text: only an HMAC keyed with the
 * app's cookie secret, which SQL cannot compute. The plain codes are dropped;
 * a pickup made ready before this upgrade has no code until staff mark it
 * ready again, which sends the customer a new one (docs/routing.md).
 */
export class Migration20261203211000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "pos_store_task" add column if not exists "pickup_code_hash" text null;`);
    this.addSql(`alter table if exists "pos_store_task" drop column if exists "pickup_code";`);
  }

  override async down(): Promise<void> {
    // the hashes cannot be turned back into codes: ready pickups are marked ready again after a downgrade too
    this.addSql(`alter table if exists "pos_store_task" add column if not exists "pickup_code" text null;`);
    this.addSql(`alter table if exists "pos_store_task" drop column if exists "pickup_code_hash";`);
  }

}
