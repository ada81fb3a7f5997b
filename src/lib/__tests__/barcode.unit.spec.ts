import { checkGtin, gtinCheckDigit, toEan13 } from "../barcode"

describe("GTIN check digits", () => {
  it.each([
    // Published examples: an EAN-13 book code, a UPC-A, an EAN-8 and a GTIN-14.
    ["400638133393", 1],
    ["03600029145", 2],
    ["9638507", 4],
    ["1001234567890", 2],
  ])("the check digit of %s is %i", (body, digit) => {
    expect(gtinCheckDigit(body)).toBe(digit)
  })

  it("builds an EAN-13 from twelve digits", () => {
    expect(toEan13("400638133393")).toBe("4006381333931")
    expect(() => toEan13("12345")).toThrow("12 digits")
  })

  it.each([
    ["4006381333931", { valid: true, kind: "EAN-13", gtin: "4006381333931" }],
    ["036000291452", { valid: true, kind: "UPC-A", gtin: "036000291452" }],
    ["96385074", { valid: true, kind: "EAN-8", gtin: "96385074" }],
    [" 4006381333931 ", { valid: true, kind: "EAN-13", gtin: "4006381333931" }],
  ])("accepts %s", (code, verdict) => {
    expect(checkGtin(code)).toEqual(verdict)
  })

  it.each([
    ["4006381333932", "the check digit is 2, it should be 1"],
    ["40063813339", "a barcode has 8, 12, 13 or 14 digits, this one has 11"],
    ["NW-TEE-BLK-M", "a barcode has digits only"],
  ])("refuses %s and says why", (code, reason) => {
    expect(checkGtin(code)).toMatchObject({ valid: false, reason })
  })
})
