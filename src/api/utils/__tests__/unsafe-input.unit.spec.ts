import { isPluginPath, refuseUnsafeInput } from "../unsafe-input"

type Fake = { url?: string; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> }

/** The message refuseUnsafeInput answers for a request, or null when it lets it through. */
function verdict({ url = "/terminal/me", query = {}, body = {}, headers = {} }: Fake): string | null {
  const contentType = headers["content-type"] ?? ""
  const req = {
    originalUrl: url,
    url,
    query,
    body,
    headers,
    is: (types: string[]) => (types.some((t) => contentType.startsWith(t.replace("*+", ""))) ? contentType : false),
  }
  let answer: unknown = "not called"
  refuseUnsafeInput(req as any, {} as any, (error?: unknown) => {
    answer = error
  })
  return answer === undefined ? null : (answer as Error).message
}

const json = { "content-type": "application/json", "content-length": "20" }

describe("refuseUnsafeInput", () => {
  it.each<[string, Fake, string | null]>([
    ["plain input", { query: { q: "tee" }, body: { name: "Shop\tone\r\nline" }, headers: json }, null],
    ["NUL in a query value", { query: { q: "ab\u0000cd" } }, "q contains a control character (U+0000); only tab, line feed and carriage return are allowed"],
    ["ESC deep in a body", { body: { lines: [{ code: "ok" }, { code: "\u001b[31m" }] }, headers: json }, "lines[1].code contains a control character (U+001B); only tab, line feed and carriage return are allowed"],
    ["DEL in a field name", { body: { metadata: { "a\u007f": 1 } }, headers: json }, "A field name in metadata contains a control character (U+007F); only tab, line feed and carriage return are allowed"],
    ["NUL in a path segment", { url: "/terminal/sales/ab%00cd" }, "A path segment contains a control character (U+0000); only tab, line feed and carriage return are allowed"],
    ["a path that does not decode", { url: "/terminal/sales/%E0%A4%A" }, "The path is not valid URL encoding"],
    ["a long string", { body: { note: "x".repeat(10_001) }, headers: json }, "note is longer than 10000 characters"],
    ["a string at the bound", { body: { note: "x".repeat(10_000) }, headers: json }, null],
    ["a long list", { body: { ids: new Array(1001).fill("a") }, headers: json }, "ids has more than 1000 items"],
    ["deep nesting", { body: JSON.parse('{"a":' + "[".repeat(20) + "]".repeat(20) + "}"), headers: json }, "a[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0] nests deeper than 16 levels"],
    ["a query nested three levels", { query: { "a.b.c": "1" } }, "Query parameter a.b.c nests more than 2 levels"],
    ["a text body", { body: "hello", headers: { "content-type": "text/plain", "content-length": "5" } }, "The request body is JSON (Content-Type: application/json), not text/plain"],
    ["a form body", { body: { a: "1" }, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "3" } }, "The request body is JSON (Content-Type: application/json), not application/x-www-form-urlencoded"],
    ["a JSON list body", { body: [1], headers: json }, "The request body is a JSON object, not a list"],
    ["no body, no content type", { body: {}, headers: { "content-length": "0" } }, null],
  ])("%s", (_name, request, expected) => {
    expect(verdict(request)).toBe(expected)
  })
})

describe("isPluginPath", () => {
  it.each<[string, boolean]>([
    ["/terminal/sales/s_1", true],
    ["/terminal", true],
    ["/admin/pos/stores?limit=1", true],
    ["/admin/orders/order_1/routing", true],
    ["/admin/orders/order_1", false],
    ["/admin/posters", false],
    ["/auth/staff/emailpass", true],
    ["/auth/user/emailpass", false],
    ["/store/pickup-locations?variant_ids=v", true],
    ["/store/orders/order_1/pickup-arrival", true],
    ["/store/orders/order_1", false],
    ["/hooks/stripe-terminal", true],
    ["/hooks/payment/stripe_stripe", false],
    ["/admin/products", false],
  ])("%s → %s", (url, expected) => {
    expect(isPluginPath(url)).toBe(expected)
  })
})
