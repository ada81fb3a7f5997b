import { isSizeOption, nextSizes, orderSizes } from "../customers/sizes"

describe("the next sizes either side of the one a customer bought", () => {
  it.each([
    ["M", ["S", "M", "L", "XL"], ["S", "L"]],
    ["S", ["XL", "L", "M", "S"], ["M"]],
    ["XL", ["S", "M", "L", "XL"], ["L"]],
    ["2XL", ["XL", "2XL", "L"], ["XL"]],
    ["32", ["36", "30", "34", "32"], ["30", "34"]],
    ["One size", ["One size"], []],
    ["XS", ["S", "M"], []],
  ])("%s among %j → %j", (bought, sizes, expected) => {
    expect(nextSizes(bought, sizes)).toEqual(expected)
  })

  it("keeps sizes it cannot order as the product lists them", () => {
    expect(orderSizes(["Petite", "Regular", "Tall"])).toEqual(["Petite", "Regular", "Tall"])
    expect(nextSizes("Regular", ["Petite", "Regular", "Tall"])).toEqual(["Petite", "Tall"])
  })

  it("knows a size option by its title", () => {
    expect(["Size", "Waist size", "Taille"].map(isSizeOption)).toEqual([true, true, true])
    expect(["Color", "Value", null].map(isSizeOption)).toEqual([false, false, false])
  })
})
