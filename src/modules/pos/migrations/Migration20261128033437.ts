import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128033437 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "pos_routing_decision" ("id" text not null, "order_id" text not null, "status" text check ("status" in ('routed', 'unroutable')) not null, "rule_set_version" text not null, "shipments" integer not null default 0, "allocations" jsonb not null, "trace" jsonb not null, "reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pos_routing_decision_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_routing_decision_deleted_at" ON "pos_routing_decision" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_pos_routing_decision_order_id_created_at" ON "pos_routing_decision" ("order_id", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pos_routing_decision" cascade;`);
  }

}
