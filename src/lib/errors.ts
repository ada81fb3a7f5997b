/**
 * Bad input refused by pure code. The pure core knows nothing of HTTP or
 * Medusa: the API's error handler answers this as a 400 with its message
 * (MedusaError INVALID_DATA), and reasons stored for a client show it as it is.
 * The marker is an own property, so it survives a workflow engine that
 * serializes errors.
 */
export class InvalidInputError extends Error {
  readonly __isInvalidInput = true

  constructor(message: string) {
    super(message)
    this.name = "InvalidInputError"
  }
}

export function isInvalidInputError(error: unknown): error is InvalidInputError {
  return !!error && typeof error === "object" && (error as { __isInvalidInput?: unknown }).__isInvalidInput === true
}
