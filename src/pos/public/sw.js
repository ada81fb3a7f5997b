/*
 * The POS page's service worker: it keeps the app shell (the page and its
 * assets) so that the till opens and reloads without the network. It never
 * touches the API: sales made offline are kept by the page in IndexedDB and
 * sent by the page when the network is back.
 *
 * - /pos/assets/* (hashed, never change): cache first.
 * - the page itself (any navigation under /pos/): network first, the cached
 *   page when the network fails or the server answers 5xx (a proxy in front of
 *   a server that is down), so a release reaches the till on its next load.
 * - other files of /pos/ (icon, manifest): network first, cache as fallback.
 */
const SHELL = "pos-shell-v1"
const PAGE = "/pos/"

async function precache() {
  const cache = await caches.open(SHELL)
  const response = await fetch(PAGE, { cache: "no-store" })
  if (!response.ok) return
  const html = await response.clone().text()
  await cache.put(PAGE, response)
  const assets = [...html.matchAll(/(?:src|href)="(\/pos\/[^"]+)"/g)].map((m) => m[1])
  await cache.addAll([...new Set(assets)])
  await prune(cache, html)
}

/** Drops cached assets the current page no longer references. */
async function prune(cache, html) {
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname
    if (path.startsWith("/pos/assets/") && !html.includes(path)) await cache.delete(request)
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()))
})

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("pos-shell-") && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  )
})

self.addEventListener("fetch", (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith("/pos")) return
  if (url.pathname.startsWith("/pos/assets/")) {
    event.respondWith(
      caches.open(SHELL).then(async (cache) => {
        const hit = await cache.match(request)
        if (hit) return hit
        const response = await fetch(request)
        if (response.ok) await cache.put(request, response.clone())
        return response
      })
    )
    return
  }
  const isPage = request.mode === "navigate" || (request.headers.get("accept") || "").includes("text/html")
  event.respondWith(
    (async () => {
      const cache = await caches.open(SHELL)
      try {
        const response = await fetch(request)
        if (isPage && response.status >= 500) {
          // a proxy's error page for a server that is down: the till's own page instead
          const hit = await cache.match(PAGE)
          if (hit) return hit
        }
        if (response.ok && isPage) {
          const html = await response.clone().text()
          await cache.put(PAGE, response.clone())
          await prune(cache, html)
        } else if (response.ok) {
          await cache.put(request, response.clone())
        }
        return response
      } catch (error) {
        const hit = await cache.match(isPage ? PAGE : request)
        if (hit) return hit
        throw error
      }
    })()
  )
})
