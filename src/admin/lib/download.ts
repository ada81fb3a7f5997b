import { sdk } from "./sdk"

/**
 * Downloads a CSV export: the SDK's own fetch (same backend, the dashboard's
 * session), saved under the server's file name (else `fallbackName`).
 * Answers the response, for its headers.
 */
export async function downloadCsv(path: string, query: Record<string, string>, fallbackName: string): Promise<Response> {
  const response = await sdk.client.fetch<Response>(path, { query, headers: { accept: "text/csv" } })
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName
  saveFile(await response.blob(), name)
  return response
}

/** Hands a blob to the browser as a download named `name`. */
export function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement("a")
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
