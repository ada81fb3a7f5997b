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
    /** a re-route: why (a short pick at a store), and the lines it placed (or still has to place when unroutable) */
    rerouted_from_task_id: model.text().nullable(),
    remainder: model.json().nullable(),
  })
  .indexes([{ on: ["order_id", "created_at"] }])
