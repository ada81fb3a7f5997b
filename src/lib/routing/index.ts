export * from "./types"
export { indexNodes, routeOrder, type NodeIndex } from "./engine"
export {
  DEFAULT_RULE_SET,
  registerRoutingStrategy,
  routingStrategies,
  routingStrategy,
  activeNodes,
  optedIn,
  capacity,
  hasStock,
  pickupStoreFirst,
  completeOrder,
  storeWithinRadius,
  distance,
} from "./strategies"
