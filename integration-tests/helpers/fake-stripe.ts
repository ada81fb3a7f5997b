import http from "http"
import type { AddressInfo } from "net"

/**
 * A small Stripe API for tests: only the endpoints the plugin uses, with
 * Stripe's shapes, form-encoded bodies and Idempotency-Key replay, so the real
 * `stripe` client can be pointed at it (host/port/protocol). Never reaches Stripe.
 */

type Obj = Record<string, any>

export type FakeReaderMode = "normal" | "busy" | "offline"

export type RecordedRequest = { method: string; path: string; body: Obj; idempotency_key: string | null }

let sequence = 0
const id = (prefix: string) => `${prefix}_fake${Date.now().toString(36)}${(sequence++).toString(36).padStart(4, "0")}`

/** `a[b][0]=1&c=2` → nested objects, as Stripe's API reads them. */
function parseForm(body: string): Obj {
  const out: Obj = {}
  for (const pair of new URLSearchParams(body)) {
    const [rawKey, value] = pair
    const keys = rawKey.split(/\[|\]\[|\]/).filter((k) => k !== "")
    let node = out
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        node[key] = value
      } else {
        node[key] = node[key] ?? (/^\d+$/.test(keys[i + 1]) ? [] : {})
        node = node[key]
      }
    })
  }
  return out
}

export class FakeStripe {
  server: http.Server
  port = 0
  requests: RecordedRequest[] = []
  paymentIntents = new Map<string, Obj>()
  refunds = new Map<string, Obj>()
  readers = new Map<string, Obj>()
  readerModes = new Map<string, FakeReaderMode>()
  private idempotent = new Map<string, { status: number; body: Obj }>()
  private refundFailures: string[] = []

  private failures: { method: string; path: string; code: string }[] = []

  /** The next request to this path (prefix) is refused by "Stripe" with this code. */
  failNext(method: string, path: string, code = "api_key_expired") {
    this.failures.push({ method, path, code })
  }

  /** The next refund requests are refused by "Stripe" with this code (e.g. charge_expired_for_refund). */
  failNextRefunds(count: number, code = "charge_expired_for_refund") {
    this.refundFailures.push(...Array(count).fill(code))
  }

  constructor() {
    this.server = http.createServer((req, res) => {
      let raw = ""
      req.on("data", (chunk) => (raw += chunk))
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://fake")
        const body = req.method === "GET" ? Object.fromEntries(url.searchParams) : parseForm(raw)
        const key = (req.headers["idempotency-key"] as string | undefined) ?? null
        this.requests.push({ method: req.method!, path: url.pathname, body, idempotency_key: key })
        const send = (status: number, payload: Obj) => {
          res.writeHead(status, { "content-type": "application/json", "request-id": id("req") })
          res.end(JSON.stringify(payload))
        }
        if (key && req.method === "POST" && this.idempotent.has(`${url.pathname}|${key}`)) {
          const replay = this.idempotent.get(`${url.pathname}|${key}`)!
          return send(replay.status, replay.body)
        }
        let status = 200
        let payload: Obj
        const injected = this.failures.findIndex((f) => f.method === req.method && url.pathname.startsWith(f.path))
        if (injected >= 0) {
          const [failure] = this.failures.splice(injected, 1)
          return send(400, { error: { type: "invalid_request_error", code: failure.code, message: "Injected failure." } })
        }
        try {
          payload = this.route(req.method!, url.pathname, body)
        } catch (error: any) {
          status = error.status ?? 400
          payload = { error: { type: error.type ?? "invalid_request_error", code: error.code, message: error.message } }
        }
        if (key && req.method === "POST") {
          this.idempotent.set(`${url.pathname}|${key}`, { status, body: payload })
        }
        send(status, payload)
      })
    })
  }

  async start(port = 0) {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve))
    this.port = (this.server.address() as AddressInfo).port
    return this
  }

  async stop() {
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  /** Requests to a path (prefix match), for assertions. */
  calls(method: string, pathPrefix: string) {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix))
  }

  reader(readerId: string) {
    if (!this.readers.has(readerId)) {
      this.readers.set(readerId, { id: readerId, object: "terminal.reader", status: "online", device_type: "simulated_wisepos_e", action: null })
    }
    return this.readers.get(readerId)!
  }

  /** The card on the reader is approved: the PaymentIntent waits for capture, the action succeeded. */
  approve(readerId: string) {
    const reader = this.reader(readerId)
    const pi = this.paymentIntents.get(reader.action?.process_payment_intent?.payment_intent)
    if (!pi || reader.action?.status !== "in_progress") {
      throw new Error(`reader ${readerId} has no payment in progress`)
    }
    pi.status = "requires_capture"
    pi.amount_capturable = pi.amount
    pi.latest_charge = id("ch")
    reader.action = { ...reader.action, status: "succeeded" }
    return { reader: structuredClone(reader), payment_intent: structuredClone(pi) }
  }

  /** The card is declined (or the customer does not tap in time): the action fails, the PaymentIntent can be retried. */
  decline(readerId: string, code = "card_declined", message = "Your card was declined.") {
    const reader = this.reader(readerId)
    const pi = this.paymentIntents.get(reader.action?.process_payment_intent?.payment_intent)
    if (!pi) {
      throw new Error(`reader ${readerId} has no payment`)
    }
    pi.status = "requires_payment_method"
    pi.last_payment_error = { code, message, type: "card_error" }
    reader.action = { ...reader.action, status: "failed", failure_code: code, failure_message: message }
    return { reader: structuredClone(reader), payment_intent: structuredClone(pi) }
  }

  private route(method: string, path: string, body: Obj): Obj {
    const parts = path.split("/").filter(Boolean) // ["v1", ...]
    const fail = (message: string, code?: string, status = 400, type = "invalid_request_error"): never => {
      throw Object.assign(new Error(message), { status, code, type })
    }
    const intent = (piId: string) => this.paymentIntents.get(piId) ?? fail(`No such payment_intent: '${piId}'`, "resource_missing", 404)

    if (method === "POST" && path === "/v1/payment_intents") {
      if (!body.amount || !body.currency) fail("Missing required param: amount or currency.", "parameter_missing")
      if (body.payment_method_types) fail("Received unknown parameter: payment_method_types", "parameter_unknown")
      const pi = {
        id: id("pi"),
        object: "payment_intent",
        amount: Number(body.amount),
        amount_capturable: 0,
        amount_received: 0,
        currency: body.currency,
        capture_method: body.capture_method ?? "automatic",
        allowed_payment_method_types: body.allowed_payment_method_types ?? null,
        status: "requires_payment_method",
        metadata: body.metadata ?? {},
        latest_charge: null,
        last_payment_error: null,
      }
      this.paymentIntents.set(pi.id, pi)
      return pi
    }
    if (parts[1] === "payment_intents" && parts.length === 3 && method === "GET") {
      return intent(parts[2])
    }
    if (parts[1] === "payment_intents" && parts[3] === "capture" && method === "POST") {
      const pi = intent(parts[2])
      if (pi.status !== "requires_capture") fail(`This PaymentIntent could not be captured because it has a status of ${pi.status}.`, "payment_intent_unexpected_state")
      const amount = body.amount_to_capture ? Number(body.amount_to_capture) : pi.amount
      Object.assign(pi, { status: "succeeded", amount_received: amount, amount_capturable: 0 })
      return pi
    }
    if (parts[1] === "payment_intents" && parts[3] === "cancel" && method === "POST") {
      const pi = intent(parts[2])
      if (pi.status === "succeeded" || pi.status === "canceled") fail(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`, "payment_intent_unexpected_state")
      Object.assign(pi, { status: "canceled", amount_capturable: 0 })
      return pi
    }
    if (method === "POST" && path === "/v1/refunds") {
      const failure = this.refundFailures.shift()
      if (failure) fail("This charge cannot be refunded right now.", failure)
      const pi = intent(body.payment_intent)
      if (pi.status !== "succeeded") fail("This PaymentIntent has no successful charge to refund.", "charge_not_refundable")
      const refunded = [...this.refunds.values()].filter((r) => r.payment_intent === pi.id).reduce((s, r) => s + r.amount, 0)
      const amount = body.amount ? Number(body.amount) : pi.amount_received - refunded
      if (amount + refunded > pi.amount_received) {
        fail(`Refund amount (${amount}) is greater than unrefunded amount on charge (${pi.amount_received - refunded})`, "amount_too_large")
      }
      const refund = { id: id("re"), object: "refund", amount, currency: pi.currency, payment_intent: pi.id, status: "succeeded", metadata: body.metadata ?? {} }
      this.refunds.set(refund.id, refund)
      return refund
    }
    if (parts[1] === "terminal" && parts[2] === "readers" && parts.length === 4 && method === "GET") {
      return this.reader(parts[3])
    }
    if (parts[1] === "terminal" && parts[2] === "readers" && parts[4] === "process_payment_intent" && method === "POST") {
      const reader = this.reader(parts[3])
      const mode = this.readerModes.get(reader.id) ?? "normal"
      if (mode === "offline") fail("Reader is currently offline, please ensure the reader is powered on and connected to the internet before retrying your request.", "terminal_reader_offline")
      if (mode === "busy" || reader.action?.status === "in_progress") {
        fail("Reader is currently busy processing another request.", "terminal_reader_busy")
      }
      const pi = intent(body.payment_intent)
      pi.status = "requires_payment_method"
      reader.action = {
        type: "process_payment_intent",
        status: "in_progress",
        failure_code: null,
        failure_message: null,
        process_payment_intent: { payment_intent: pi.id },
      }
      return reader
    }
    if (parts[1] === "terminal" && parts[2] === "readers" && parts[4] === "cancel_action" && method === "POST") {
      const reader = this.reader(parts[3])
      if (reader.action?.status !== "in_progress") fail("Reader has no in-progress action to cancel.", "terminal_reader_busy")
      reader.action = null
      return reader
    }
    if (parts[1] === "test_helpers" && parts[3] === "readers" && parts[5] === "present_payment_method" && method === "POST") {
      return this.approve(parts[4]).reader
    }
    if (method === "POST" && path === "/v1/terminal/connection_tokens") {
      return { object: "terminal.connection_token", secret: `pst_test_${id("tok")}`, location: body.location ?? null }
    }
    return fail(`Unrecognized request URL (${method}: ${path}).`, undefined, 404)
  }
}

export const FAKE_WEBHOOK_SECRET = "whsec_test_pos_fake"

/**
 * A spec's fake Stripe: the real `stripe` client is pointed at it through the
 * env (nothing reaches Stripe), started before the spec and stopped after.
 * `basePort` keeps specs of one run apart.
 */
export function useFakeStripe(basePort: number) {
  const fake = new FakeStripe()
  const port = basePort + (process.pid % 8000)
  Object.assign(process.env, {
    STRIPE_API_KEY: "sk_test_pos_fake",
    STRIPE_TERMINAL_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET,
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(port),
    STRIPE_API_PROTOCOL: "http",
  })
  beforeAll(async () => {
    await fake.start(port)
  })
  afterAll(async () => {
    await fake.stop()
  })
  return { fake, port }
}
