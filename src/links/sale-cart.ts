import { defineLink } from "@medusajs/framework/utils"
import CartModule from "@medusajs/medusa/cart"
import PosModule from "../modules/pos"

/** A counter sale's cart (read-only: the sale keeps cart_id). */
export default defineLink({ linkable: PosModule.linkable.posSale, field: "cart_id" }, CartModule.linkable.cart, { readOnly: true })
