import fs from "fs"
import path from "path"

const repo = path.resolve(__dirname, "..", "..")

describe("the licence", () => {
  it("is the MIT licence package.json declares, with its copyright line", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"))
    const license = fs.readFileSync(path.join(repo, "LICENSE"), "utf8")
    expect(pkg.license).toBe("MIT")
    expect(license.split("\n")[0]).toBe("MIT License")
    expect(license).toContain("Copyright (c) 2026 the medusa-omnichannel-pos contributors")
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND')
  })
})
