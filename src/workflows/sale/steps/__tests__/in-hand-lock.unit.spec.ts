import { IN_HAND_LOCK_MARGIN, inHandLockKeys } from "../ensure-stock-in-hand"
import { ENDLESS_AISLE_KEY } from "../../utils/endless-aisle"

const line = (variant_id: string, quantity: number, links: { item: string; stocked: number; reserved?: number; required?: number }[], extra = {}) => ({
  id: `item_${variant_id}`,
  variant_id,
  quantity,
  variant: {
    manage_inventory: true,
    inventory_items: links.map((link) => ({
      inventory_item_id: link.item,
      required_quantity: link.required ?? 1,
      inventory: {
        location_levels: [
          { location_id: "sloc_other", stocked_quantity: 500, reserved_quantity: 0 },
          { location_id: "sloc_here", stocked_quantity: link.stocked, reserved_quantity: link.reserved ?? 0 },
        ],
      },
    })),
  },
  ...extra,
})

describe("inHandLockKeys: which items a completion serializes at the store", () => {
  it("locks an item close to running out here, and none with stock to spare", () => {
    const keys = inHandLockKeys("sloc_here", [
      line("var_last", 1, [{ item: "iitem_last", stocked: 3, reserved: 2 }]),
      line("var_plenty", 1, [{ item: "iitem_plenty", stocked: 100 }]),
    ])
    expect(keys).toEqual(["pos:in-hand:sloc_here:iitem_last"])
  })

  it("counts the quantity of every line and a kit's required quantity against what is available", () => {
    const margin = IN_HAND_LOCK_MARGIN
    // 2 lines of 2 units, a kit needing 3 of its part: 12 needed; available exactly 12 + margin is not tight
    const spare = [line("var_a", 2, [{ item: "iitem_a", stocked: 4 * 3 + margin }], {}), line("var_b", 2, [{ item: "iitem_a", stocked: 4 * 3 + margin }])]
    spare.forEach((l) => (l.variant.inventory_items[0].required_quantity = 3))
    expect(inHandLockKeys("sloc_here", spare)).toEqual([])
    spare.forEach((l) => (l.variant.inventory_items[0].inventory.location_levels[1].stocked_quantity -= 1))
    expect(inHandLockKeys("sloc_here", spare)).toEqual(["pos:in-hand:sloc_here:iitem_a"])
  })

  it("locks an item with no level here, sorts the keys, and skips unmanaged and endless-aisle lines", () => {
    const none = line("var_none", 1, [{ item: "iitem_z", stocked: 0 }])
    none.variant.inventory_items[0].inventory.location_levels.pop()
    const unmanaged = line("var_free", 1, [{ item: "iitem_free", stocked: 0 }])
    unmanaged.variant.manage_inventory = false
    const endless = line("var_far", 1, [{ item: "iitem_far", stocked: 0 }], {
      metadata: { [ENDLESS_AISLE_KEY]: { source_location_id: "sloc_other" } },
    })
    const keys = inHandLockKeys("sloc_here", [none, unmanaged, endless, line("var_b", 1, [{ item: "iitem_b", stocked: 1 }])])
    expect(keys).toEqual(["pos:in-hand:sloc_here:iitem_b", "pos:in-hand:sloc_here:iitem_z"])
  })
})
