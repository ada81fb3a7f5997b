import { defineLink } from "@medusajs/framework/utils"
import StockLocationModule from "@medusajs/medusa/stock-location"
import PosModule from "../modules/pos"

/** The store's stock: one stock location per store, one store per location. */
export default defineLink(PosModule.linkable.posStore, StockLocationModule.linkable.stockLocation)
