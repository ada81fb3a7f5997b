import fs from "fs"
import path from "path"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"

/**
 * The POS page, served by the Medusa server at `/pos`, same origin as
 * `/terminal/*`. Its build sits beside the plugin's compiled server code in the
 * package (`.medusa/server/pos`, written after Medusa's plugin build) or, when
 * Medusa runs this repository's sources (`npm start`, the tests), in
 * `.medusa/pos`. `POS_PAGE_DIR` points elsewhere.
 *
 * Hashed assets are cached for a year; the page itself, its service worker and
 * manifest are revalidated on every load, so a new release reaches the tills on
 * their next load. Client routes fall back to `index.html`.
 */
export const POS_PAGE_PATH = "/pos"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
}

const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; font-src 'self' data:; worker-src 'self'; frame-ancestors 'none'; base-uri 'self'",
}

export function posPageDir(): string | undefined {
  const candidates = process.env.POS_PAGE_DIR
    ? [path.resolve(process.env.POS_PAGE_DIR)]
    : [
        // package: .medusa/server/src/api/pos → .medusa/server/pos
        path.resolve(__dirname, "../../../pos"),
        // sources: src/api/pos → .medusa/pos
        path.resolve(__dirname, "../../../.medusa/pos"),
      ]
  return candidates.find((dir) => fs.existsSync(path.join(dir, "index.html")))
}

function send(req: MedusaRequest, res: MedusaResponse, file: string, cache: string) {
  const ext = path.extname(file)
  res.setHeader("Content-Type", TYPES[ext] ?? "application/octet-stream")
  res.setHeader("Cache-Control", cache)
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    res.setHeader(name, value)
  }
  let body = file
  if (ext === ".js" || ext === ".css" || ext === ".html" || ext === ".svg" || ext === ".webmanifest") {
    res.setHeader("Vary", "Accept-Encoding")
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) && fs.existsSync(`${file}.gz`)) {
      res.setHeader("Content-Encoding", "gzip")
      body = `${file}.gz`
    }
  }
  const { size } = fs.statSync(body)
  res.setHeader("Content-Length", String(size))
  if (req.method === "HEAD") {
    return res.status(200).end()
  }
  res.status(200)
  fs.createReadStream(body).pipe(res)
}

export function servePosPage(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return next()
  }
  const [pathname] = (req.originalUrl ?? req.url).split("?")
  if (pathname === POS_PAGE_PATH) {
    // The service worker's scope and the page's relative paths are under /pos/.
    return res.redirect(301, `${POS_PAGE_PATH}/`)
  }
  const dir = posPageDir()
  if (!dir) {
    res.setHeader("Content-Type", "text/plain; charset=utf-8")
    return res
      .status(503)
      .send("The POS page is not built. Run `npm run build` in the plugin (or `node scripts/build-pos.js` in its repository).")
  }
  let relative: string
  try {
    relative = decodeURIComponent(pathname.slice(POS_PAGE_PATH.length + 1))
  } catch {
    return res.status(400).json({ type: "invalid_data", message: "The path is not valid URL encoding" })
  }
  const file = path.resolve(dir, relative)
  if (file !== dir && !file.startsWith(dir + path.sep)) {
    return res.status(404).json({ type: "not_found", message: "Not found" })
  }
  if (relative && fs.existsSync(file) && fs.statSync(file).isFile() && !file.endsWith(".gz")) {
    const hashed = relative.startsWith("assets/")
    return send(req, res, file, hashed ? "public, max-age=31536000, immutable" : "no-cache")
  }
  // A missing file with an extension is a 404; anything else is a route of the page.
  if (path.extname(relative) && relative !== "index.html") {
    return res.status(404).json({ type: "not_found", message: `No file ${relative} in the POS page` })
  }
  return send(req, res, path.join(dir, "index.html"), "no-cache")
}

export const posPageMiddlewares: MiddlewareRoute[] = [
  { matcher: POS_PAGE_PATH, middlewares: [servePosPage as any] },
]
