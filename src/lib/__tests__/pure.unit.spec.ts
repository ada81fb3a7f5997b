import fs from "fs"
import path from "path"

// src/lib is the pure core: plain data in, plans out. It imports nothing from Medusa, the
// container, the module, the workflows or the routes (the browser bundle of the POS page takes
// some of it too).
describe("src/lib imports nothing from Medusa, the module, the workflows or the routes", () => {
  const root = path.resolve(__dirname, "..")
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        return entry.name === "__tests__" ? [] : files(full)
      }
      return entry.name.endsWith(".ts") ? [full] : []
    })

  it.each(files(root).map((f) => [path.relative(root, f), f]))("%s", (_name, file) => {
    const imports = [...fs.readFileSync(file, "utf8").matchAll(/^import[^"']*["']([^"']+)["']/gm)].map((m) => m[1])
    expect(imports.filter((from) => from.startsWith("@medusajs") || /(^|\/)(modules|workflows|api)\//.test(from))).toEqual([])
  })
})
