import { maskGiftCardCode, normalizeGiftCardCode } from "../customers/gift-card"

describe("gift card codes as staff type them and receipts print them", () => {
  it.each([
    ["GIFT-ABCD-EFGH-JKLM-NPQR", "GIFT-ABCD-EFGH-JKLM-NPQR"],
    [" gift-abcd-efgh-jklm-npqr ", "GIFT-ABCD-EFGH-JKLM-NPQR"],
    ["GIFT ABCD EFGH", "GIFTABCDEFGH"],
    ["store_credit_01", "STORE_CREDIT_01"],
  ])("%j is matched as %j", (typed, code) => {
    expect(normalizeGiftCardCode(typed)).toBe(code)
  })

  it.each([["abc"], ["<script>"], ["GIFT%20"], ["x".repeat(65)], [42], [null]])("%j cannot be a code", (typed) => {
    expect(normalizeGiftCardCode(typed)).toBeNull()
  })

  it("prints only the last four characters", () => {
    expect(maskGiftCardCode("GIFT-ABCD-EFGH-JKLM-NPQR")).toBe("•••• NPQR")
    expect(maskGiftCardCode("AB-12")).toBe("•••• AB12")
  })
})
