#!/usr/bin/env node
// Builds the POS page (src/pos, React + Vite) into .medusa/pos, or into the
// folder given with --out (the package build writes .medusa/server/pos after
// Medusa's plugin build, which empties .medusa/server). Every text asset gets a
// gzip twin that the server sends to browsers that accept it. Prints the size
// of the JavaScript a first load fetches, compressed.
const fs = require("fs")
const path = require("path")
const zlib = require("zlib")

const root = path.resolve(__dirname, "..")

function argument(name) {
  const at = process.argv.indexOf(name)
  return at > -1 ? process.argv[at + 1] : undefined
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : [full]
  })
}

/** gzip twins, and the compressed size of the scripts index.html loads. */
function compress(outDir) {
  let scripts = 0
  for (const file of walk(outDir)) {
    if (!/\.(js|css|html|svg|webmanifest|json)$/.test(file)) continue
    const gz = zlib.gzipSync(fs.readFileSync(file), { level: 9 })
    fs.writeFileSync(`${file}.gz`, gz)
  }
  const html = fs.readFileSync(path.join(outDir, "index.html"), "utf8")
  for (const [, src] of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/pos\/([^"]+\.js)"/g)) {
    scripts += fs.statSync(path.join(outDir, `${src}.gz`)).size
  }
  return scripts
}

async function buildPosPage(outDir = path.join(root, ".medusa", "pos"), { quiet = false } = {}) {
  const { build } = await import("vite")
  await build({
    configFile: path.join(root, "src", "pos", "vite.config.mts"),
    logLevel: quiet ? "warn" : "info",
    build: { outDir, emptyOutDir: true },
  })
  const scripts = compress(outDir)
  return { outDir, first_load_js_gzip_bytes: scripts }
}

module.exports = { buildPosPage }

if (require.main === module) {
  const out = argument("--out")
  buildPosPage(out ? path.resolve(root, out) : undefined, { quiet: process.argv.includes("--quiet") })
    .then(({ outDir, first_load_js_gzip_bytes }) => {
      process.stdout.write(
        `[build-pos] ${path.relative(root, outDir)}: first load ${(first_load_js_gzip_bytes / 1024).toFixed(1)} KB of JavaScript (gzip)\n`
      )
    })
    .catch((error) => {
      process.stderr.write(`[build-pos] ${error.stack || error.message}\n`)
      process.exit(1)
    })
}
