import { errorHandler, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { isInvalidInputError } from "../../lib/errors"
import { SERVER_SIDE_ERROR_TYPES } from "../../workflows/utils/client-message"
import { isPluginPath } from "./unsafe-input"

const medusaErrorHandler = errorHandler()

/** Postgres codes of a race with another request: unique violation, serialization failure. */
const CONFLICT_CODES = ["23505", "40001"]

const isMedusaError = (err: any) => !!err && typeof err === "object" && MedusaError.isMedusaError(err)
const isZodError = (err: any) => !!err && typeof err === "object" && Array.isArray(err.issues)
const isClientHttpError = (err: any) =>
  !!err && typeof err === "object" && typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500 && err.expose === true

/**
 * The last resort of the plugin's routes (Medusa's `errorHandler` option):
 * - a client error raised on purpose (a MedusaError of a 4xx type, a zod
 *   validation, a body parser's 4xx) answers as Medusa answers it, except a
 *   plugin conflict (an idempotency key reused with another body), which
 *   keeps its own message where Medusa would give every conflict one sentence;
 * - a path Express cannot decode answers 400;
 * - a race on a unique key or a serialization failure answers 409;
 * - anything else answers a generic 500 naming the request id, never the
 *   driver's text, SQL or a stack; the error goes to the log.
 * Every other route goes to Medusa's own handler, unchanged. Medusa takes one
 * error handler per app: a host app that sets its own replaces this one.
 */
export function posErrorHandler(err: any, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void {
  const ours = isPluginPath(req.originalUrl ?? req.url)
  if (isInvalidInputError(err)) {
    // the pure core's refusal of bad input, turned into Medusa's at the edge
    err = new MedusaError(MedusaError.Types.INVALID_DATA, err.message)
  }
  if (ours && isMedusaError(err) && err.type === MedusaError.Types.CONFLICT && !res.headersSent) {
    // Medusa answers every conflict with one generic sentence; the plugin's say which key or record collided
    res.status(409).json({ type: MedusaError.Types.CONFLICT, code: "invalid_state_error", message: err.message })
    return
  }
  if (ours && isMedusaError(err) && (err as any).manager_action && !res.headersSent) {
    // a manager action refused for want of a manager: the till can ask for a PIN approval and retry
    res.status(403).json({ type: err.type, message: err.message, manager_action: (err as any).manager_action })
    return
  }
  if (
    !ours ||
    isClientHttpError(err) ||
    isZodError(err) ||
    (isMedusaError(err) && !SERVER_SIDE_ERROR_TYPES.includes(err.type))
  ) {
    medusaErrorHandler(err, req, res, next)
    return
  }
  if (err instanceof URIError) {
    // Express decodes route params before any middleware of ours runs
    res.status(400).json({ type: MedusaError.Types.INVALID_DATA, message: "The URL path is not valid percent-encoding" })
    return
  }
  const logger = req.scope?.resolve?.(ContainerRegistrationKeys.LOGGER) ?? console
  logger.error(err)
  if (res.headersSent) {
    next(err)
    return
  }
  if (!isMedusaError(err) && CONFLICT_CODES.includes(String(err?.code))) {
    res.status(409).json({
      type: MedusaError.Types.CONFLICT,
      code: "invalid_state_error",
      message: "The request conflicted with another request. Retry it (with the same idempotency_key where the route takes one).",
    })
    return
  }
  res.status(500).json({
    type: "unknown_error",
    code: "unknown_error",
    message: `An unexpected error occurred${req.requestId ? ` (request ${req.requestId})` : ""}; it was logged. Retry, or report it with the request id.`,
  })
}
