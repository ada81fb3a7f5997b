import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import PosModule from "../modules/pos"

/** A counter sale's order, once completed (read-only: the sale keeps order_id), so Query joins a sale to its order. */
export default defineLink({ linkable: PosModule.linkable.posSale, field: "order_id" }, OrderModule.linkable.order, { readOnly: true })
