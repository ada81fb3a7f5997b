/**
 * The page's only way to the server: the documented HTTP API, same origin,
 * with the signed-in staff member's bearer token. Every refusal becomes an
 * `ApiError` carrying the server's own message, which the screens show as is.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type?: string,
    readonly body?: any
  ) {
    super(message)
  }
  /** No answer at all: offline, or the server is down. */
  get unreachable() {
    return this.status === 0
  }
}

export type Api = {
  get<T = any>(path: string): Promise<T>
  /** a text answer (a receipt's HTML) */
  text(path: string): Promise<string>
  post<T = any>(path: string, body?: unknown): Promise<T>
  patch<T = any>(path: string, body?: unknown): Promise<T>
  del<T = any>(path: string): Promise<T>
}

export function createApi(options: {
  token: () => string | undefined
  /** a signed-in token was refused (expired, member deactivated) */
  onUnauthorized?: () => void
  fetch?: typeof fetch
}): Api {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args))
  async function call<T>(method: string, path: string, body?: unknown, raw = false): Promise<T> {
    const token = options.token()
    const headers: Record<string, string> = { accept: "application/json" }
    if (body !== undefined) headers["content-type"] = "application/json"
    if (token) headers.authorization = `Bearer ${token}`
    let response: Response
    try {
      response = await doFetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    } catch {
      throw new ApiError("The server cannot be reached. Check the network connection.", 0, "unreachable")
    }
    const text = await response.text()
    if (raw && response.ok) return text as T
    let data: any = undefined
    try {
      data = text ? JSON.parse(text) : undefined
    } catch {
      data = undefined
    }
    if (!response.ok) {
      if (response.status === 401 && token) options.onUnauthorized?.()
      const message =
        (data && typeof data.message === "string" && data.message) ||
        (response.status === 401 ? "Your sign-in has expired. Sign in again." : `The server answered ${response.status}.`)
      throw new ApiError(message, response.status, data?.type, data)
    }
    return data as T
  }
  return {
    get: (path) => call("GET", path),
    text: (path) => call<string>("GET", path, undefined, true),
    post: (path, body) => call("POST", path, body ?? {}),
    patch: (path, body) => call("PATCH", path, body ?? {}),
    del: (path) => call("DELETE", path),
  }
}
