import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { isInvalidInputError } from "../../lib/errors"

/** MedusaError types Medusa answers with a 5xx: their messages are for the log, not for a client. */
export const SERVER_SIDE_ERROR_TYPES: string[] = [
  MedusaError.Types.DB_ERROR,
  MedusaError.Types.UNEXPECTED_STATE,
  MedusaError.Types.INVALID_ARGUMENT,
  MedusaError.Types.UNKNOWN_MODULES,
]

/** An error raised on purpose for a client (a 4xx MedusaError, bad input the pure core refused), whose message may be shown as it is. */
export function isClientError(error: unknown): error is Error {
  return (
    isInvalidInputError(error) ||
    (MedusaError.isMedusaError(error) && !SERVER_SIDE_ERROR_TYPES.includes((error as MedusaError).type))
  )
}

/**
 * What a stored or answered reason may say of an error: a client error's own
 * message; anything else (a database, driver or network fault, whose text can
 * carry SQL) is logged and named only generically.
 */
export function clientMessage(container: { resolve: (key: string) => any }, error: unknown, context: string): string {
  if (isClientError(error)) {
    return error.message
  }
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .error(`${context}: ${(error as Error)?.stack ?? String(error)}`)
  return "an internal error (logged on the server)"
}
