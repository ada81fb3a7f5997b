import { model } from "@medusajs/framework/utils"

export enum RoutingDecisionStatus {
  ROUTED = "routed",
  UNROUTABLE = "unroutable",
}

/**
 * Where an online order's lines were placed and why: the allocations, the
 * engine's trace (candidates, each rule's verdicts and scores, the winners)
 * and the rule-set version. One row per decision; a re-route adds a row.
 */
export const PosRoutingDecision = model
  .define("pos_routing_decision", {
    id: model.id({ prefix: "rdec" }).primaryKey(),
    order_id: model.text(),
    status: model.enum(RoutingDecisionStatus),
    rule_set_version: model.text(),
    shipments: model.number().default(0),
    /** [{ node_id, line_id, inventory_item_id, quantity }] */
    allocations: model.json(),
    trace: model.json(),
    reason: model.text().nullable(),
  })
  .indexes([{ on: ["order_id", "created_at"] }])
