// Each spec file boots its own MikroORM entities; stale metadata from a previous
// file in the same worker would otherwise leak into the next one.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()
