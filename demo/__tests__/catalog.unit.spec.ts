import { checkGtin } from "../../src/lib/barcode"
import { LOCATIONS, PRODUCTS, planStock, productHandle, variantsOf } from "../catalog"

const variants = PRODUCTS.flatMap((product, index) => variantsOf(product, index))
const plan = planStock(PRODUCTS, LOCATIONS)
const shops = LOCATIONS.filter((l) => l.kind === "shop").map((l) => l.key)
const warehouse = LOCATIONS.find((l) => l.kind === "warehouse")!.key
const where = (sku: string) => plan.filter((row) => row.sku === sku).map((row) => row.location)

describe("demo catalogue", () => {
  it("has about thirty products with unique handles", () => {
    expect(PRODUCTS.length).toBe(30)
    expect(new Set(PRODUCTS.map(productHandle)).size).toBe(PRODUCTS.length)
  })

  it("gives every variant a unique SKU and a unique, valid EAN-13", () => {
    expect(new Set(variants.map((v) => v.sku)).size).toBe(variants.length)
    expect(new Set(variants.map((v) => v.barcode)).size).toBe(variants.length)
    for (const variant of variants) {
      expect(checkGtin(variant.barcode)).toMatchObject({ valid: true, kind: "EAN-13" })
    }
  })

  it("has one warehouse and three shops with coordinates in the Chicago area", () => {
    expect(shops).toHaveLength(3)
    for (const location of LOCATIONS) {
      expect(location.latitude).toBeGreaterThan(41.6)
      expect(location.latitude).toBeLessThan(42.2)
      expect(location.longitude).toBeGreaterThan(-88.1)
      expect(location.longitude).toBeLessThan(-87.5)
    }
  })
})

describe("demo stock plan", () => {
  it("is the same on every run", () => {
    expect(planStock(PRODUCTS, LOCATIONS)).toEqual(plan)
  })

  it("stocks every variant somewhere, with positive quantities only", () => {
    for (const variant of variants) {
      expect(where(variant.sku).length).toBeGreaterThan(0)
    }
    expect(plan.every((row) => Number.isInteger(row.quantity) && row.quantity > 0)).toBe(true)
  })

  it("keeps the largest size of a size run at the warehouse only", () => {
    const largest = variants.filter((v) => v.sizeCount > 1 && v.sizeIndex === v.sizeCount - 1)
    expect(largest.length).toBeGreaterThan(10)
    for (const variant of largest) {
      expect(where(variant.sku)).toEqual([warehouse])
    }
  })

  it("keeps the smallest size in exactly one shop, spread over all shops", () => {
    const smallest = variants.filter((v) => v.sizeCount > 1 && v.sizeIndex === 0)
    const homes = new Set<string>()
    for (const variant of smallest) {
      const locations = where(variant.sku)
      expect(locations).toHaveLength(1)
      expect(shops).toContain(locations[0])
      homes.add(locations[0])
    }
    expect(homes.size).toBe(3)
  })

  it("stocks one-size items everywhere and leaves some middle sizes out of some shops", () => {
    for (const variant of variants.filter((v) => v.sizeCount === 1)) {
      expect(where(variant.sku).sort()).toEqual([...shops, warehouse].sort())
    }
    const middle = variants.filter((v) => v.sizeIndex > 0 && v.sizeIndex < v.sizeCount - 1)
    const partial = middle.filter((v) => where(v.sku).length < 4)
    expect(partial.length).toBeGreaterThan(0)
    expect(partial.length).toBeLessThan(middle.length / 2)
  })

  it("gives the flagship on State Street more stock than Evanston", () => {
    const total = (location: string) =>
      plan.filter((row) => row.location === location).reduce((sum, row) => sum + row.quantity, 0)
    expect(total("state")).toBeGreaterThan(total("evanston"))
  })
})
