import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import PosModule from "../modules/pos"

/** The order a store task works on (read-only: the task keeps order_id), so a store's queue reads its orders in one query. */
export default defineLink({ linkable: PosModule.linkable.posStoreTask, field: "order_id" }, OrderModule.linkable.order, { readOnly: true })
