import { StoreStatus } from "../../../../../../modules/pos/models/store"
import { setStoreStatusRoute } from "../../helpers"

export const POST = setStoreStatusRoute(StoreStatus.ACTIVE)
