import { defineLink } from "@medusajs/framework/utils"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import PosModule from "../modules/pos"

/** The store's POS sales channel: the counter's sales are orders in this channel. */
export default defineLink(PosModule.linkable.posStore, SalesChannelModule.linkable.salesChannel)
