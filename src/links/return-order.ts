import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import PosModule from "../modules/pos"

/** The order a till's return takes back (read-only: the return keeps order_id). */
export default defineLink({ linkable: PosModule.linkable.posReturn, field: "order_id" }, OrderModule.linkable.order, { readOnly: true })
