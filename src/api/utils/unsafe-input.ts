import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/** The longest string any field, query value or path segment of the plugin's routes may hold. */
export const MAX_STRING_LENGTH = 10_000
/** The most items any list in a request may hold (Medusa parses query arrays without a limit). */
export const MAX_ARRAY_ITEMS = 1_000
/** The deepest a request body or query may nest. */
export const MAX_DEPTH = 16

/**
 * The plugin's own routes: the checks of this file and the error guard apply to
 * these and to nothing of Medusa's. Express paths, mounted with `use` (no
 * method), so that they run before every other middleware of these routes.
 */
export const PLUGIN_ROUTE_MATCHERS = [
  "/terminal*",
  "/admin/pos*",
  "/admin/orders/:id/routing",
  "/auth/staff*",
  "/store/pickup-locations*",
  "/store/orders/:id/pickup-arrival",
  "/store/customers/me/pos-consents",
  "/store/customers/me/product-views",
  "/hooks/stripe-terminal",
]

const PLUGIN_PATH =
  /^\/(?:terminal|admin\/pos|auth\/staff|store\/pickup-locations|hooks\/stripe-terminal)(?:[/?]|$)|^\/admin\/orders\/[^/?]+\/routing\/?(?:\?|$)|^\/store\/orders\/[^/?]+\/pickup-arrival\/?(?:\?|$)|^\/store\/customers\/me\/(?:pos-consents|product-views)\/?(?:\?|$)/

/** Whether a request URL (`req.originalUrl`) is one of the plugin's routes. */
export function isPluginPath(url: string | undefined) {
  return PLUGIN_PATH.test(url ?? "")
}

// C0 control characters and DEL, except tab, line feed and carriage return
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

const codePoint = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`

function refuse(message: string) {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

/** The first problem with a string, in words, or null. */
function stringProblem(value: string): string | null {
  if (value.length > MAX_STRING_LENGTH) {
    return `is longer than ${MAX_STRING_LENGTH} characters`
  }
  const control = value.match(CONTROL)
  if (control) {
    return `contains a control character (${codePoint(control[0])}); only tab, line feed and carriage return are allowed`
  }
  return null
}

const fieldName = (path: string, key: string | number) =>
  typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key

/**
 * Walks a parsed body or query without recursion (a 100 KB body of nested
 * arrays would overflow the stack) and answers the first problem, naming the field.
 */
function inspect(root: unknown, where: string): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: "", depth: 0 }]
  while (stack.length) {
    const { value, path, depth } = stack.pop()!
    const name = path || where
    if (typeof value === "string") {
      const problem = stringProblem(value)
      if (problem) {
        return `${name} ${problem}`
      }
      continue
    }
    if (value === null || typeof value !== "object") {
      continue
    }
    if (depth >= MAX_DEPTH) {
      return `${name} nests deeper than ${MAX_DEPTH} levels`
    }
    if (Array.isArray(value)) {
      // length, not the keys: a sparse query array (?a[99999999]=x) is refused without walking it
      if (value.length > MAX_ARRAY_ITEMS) {
        return `${name} has more than ${MAX_ARRAY_ITEMS} items`
      }
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], path: fieldName(path, i), depth: depth + 1 })
      }
      continue
    }
    const keys = Object.keys(value)
    if (keys.length > MAX_ARRAY_ITEMS) {
      return `${name} has more than ${MAX_ARRAY_ITEMS} fields`
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]
      const keyProblem = stringProblem(key)
      if (keyProblem) {
        return `A field name in ${name} ${keyProblem}`
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: fieldName(path, key), depth: depth + 1 })
    }
  }
  return null
}

/** The body is JSON when there is one: a form or text body reaches no validator as the client meant it. */
function bodyProblem(req: MedusaRequest): string | null {
  const length = Number(req.headers["content-length"] ?? 0)
  const hasBody = !!req.headers["transfer-encoding"] || length > 0
  if (hasBody && !req.is(["application/json", "application/*+json"])) {
    const type = String(req.headers["content-type"] ?? "none").split(";")[0].trim().slice(0, 100)
    return `The request body is JSON (Content-Type: application/json), not ${type}`
  }
  if (hasBody && Array.isArray(req.body)) {
    return "The request body is a JSON object, not a list"
  }
  return null
}

function pathProblem(url: string): string | null {
  const path = url.split("?")[0]
  for (const raw of path.split("/")) {
    if (raw.length > MAX_STRING_LENGTH) {
      return `A path segment is longer than ${MAX_STRING_LENGTH} characters`
    }
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return "The path is not valid URL encoding"
    }
    const problem = stringProblem(segment)
    if (problem) {
      return `A path segment ${problem}`
    }
  }
  return null
}

function queryProblem(query: Record<string, unknown>): string | null {
  for (const key of Object.keys(query ?? {})) {
    // Medusa's query validation throws a 500-typed error for a.b.c
    if (key.split(".").length > 2) {
      return `Query parameter ${key.slice(0, 100)} nests more than 2 levels`
    }
  }
  return inspect(query, "query")
}

/**
 * Refuses, with a 400 naming the field, what no route of the plugin takes and
 * what would otherwise reach the database as is: a NUL or other control
 * character in a path segment, query value or body string (Postgres refuses a
 * NUL in text), a string over MAX_STRING_LENGTH, lists and nesting beyond any
 * use, and a body that is not JSON. Runs after Medusa's body parsers and
 * before every other middleware of the plugin's routes.
 */
export function refuseUnsafeInput(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const problem =
    pathProblem(req.originalUrl ?? req.url) ??
    queryProblem(req.query as Record<string, unknown>) ??
    bodyProblem(req) ??
    (req.body && typeof req.body === "object" ? inspect(req.body, "body") : null)
  next(problem ? refuse(problem) : undefined)
}
