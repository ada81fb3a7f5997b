#!/usr/bin/env node
// `npm start`: the demo retailer on this repository's code, from nothing.
//
// 1. Postgres: DATABASE_URL when set (checked within seconds), otherwise an
//    embedded Postgres from npm with its data in .data/postgres (as root in a
//    folder the `postgres` user cannot enter, in a folder of root's under the
//    temporary folder instead; see prepareEmbeddedPostgres).
// 2. `medusa db:migrate`, then the idempotent demo seed (demo/seed.ts).
// 3. `medusa develop` with the dashboard; prints the logins once /health answers.
// Ctrl-C (or SIGTERM, SIGHUP), at any step, is handled once: it stops the medusa
// command running (Medusa's whole process group), then the database, then
// removes the lock, then exits.
// `--seed-only` stops after step 2.
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const {
  maskUrl,
  probePostgres,
  ensureDatabase,
  isPortFree,
  prepareEmbeddedPostgres,
  startEmbeddedPostgres,
} = require("./lib/postgres")
const { probeRedis } = require("./lib/redis")
const { root, medusaBin, runMedusa, waitForHealth } = require("./lib/medusa")
const { buildPosPage } = require("./build-pos")

const dataRoot = path.join(root, ".data")
const lockFile = path.join(dataRoot, "npm-start.lock")
const summaryFile = path.join(dataRoot, "demo-summary.json")
const setupLog = path.join(dataRoot, "setup.log")
const seedOnly = process.argv.includes("--seed-only")

const DEMO_DATABASE = "medusa_pos_demo"
const EMBEDDED_PORT = 54329

function say(message) {
  process.stdout.write(`[npm start] ${message}\n`)
}

function fail(message) {
  process.stderr.write(`\n[npm start] ${message}\n\n`)
  process.exitCode = 1
}

/** Whether a live process's command line mentions `word` (a pid may have been reused since). */
function runs(pid, word) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(word)
  } catch {
    return false
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return error.code === "EPERM"
  }
  // A killed process whose parent has not reaped it yet still answers signal 0.
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z"
  } catch {
    return true
  }
}

/**
 * One `npm start` per checkout: a second one would fight over the data folder.
 * The lock file holds this process's pid and, once started, Medusa's process
 * group, so that a run killed without a chance to clean up (kill -9, a closed
 * terminal) can be cleaned up by the next one.
 */
function readLock() {
  try {
    return JSON.parse(fs.readFileSync(lockFile, "utf8"))
  } catch {
    return {}
  }
}

function acquireLock() {
  fs.mkdirSync(dataRoot, { recursive: true })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid }), { flag: "wx" })
      return true
    } catch (error) {
      if (error.code !== "EEXIST") {
        throw error
      }
      const stale = readLock()
      if (stale.pid && isAlive(stale.pid)) {
        fail(
          `npm start is already running in this folder (process ${stale.pid}). ` +
            `Use that one, or stop it with Ctrl-C (or \`kill ${stale.pid}\`) before starting again.`
        )
        return false
      }
      if (stale.medusa_pgid && isAlive(stale.medusa_pgid) && runs(stale.medusa_pgid, "medusa")) {
        say(`Stopping the Medusa left running by an earlier run (process group ${stale.medusa_pgid})`)
        try {
          process.kill(-stale.medusa_pgid, "SIGKILL")
        } catch {}
      }
      fs.rmSync(lockFile, { force: true })
    }
  }
  return false
}

function recordMedusa(pgid) {
  fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, medusa_pgid: pgid }))
}

function releaseLock() {
  if (readLock().pid === process.pid) {
    fs.rmSync(lockFile, { force: true })
  }
}

/**
 * A Postgres left running by an `npm start` that was killed without a chance to
 * clean up (kill -9, a closed terminal) still holds the data folder; the lock
 * above proves no `npm start` owns it any more, so stop it.
 */
async function stopOrphanedPostgres(dataDir) {
  const pidFile = path.join(dataDir, "postmaster.pid")
  if (!fs.existsSync(pidFile)) {
    return
  }
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
  if (!pid || !isAlive(pid) || !runs(pid, "postgres")) {
    return
  }
  say(`Stopping the embedded Postgres left running by an earlier run (process ${pid})`)
  process.kill(pid, "SIGINT")
  for (let i = 0; i < 100 && isAlive(pid); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The POS page's build is missing or older than one of its sources. */
function posPageIsStale() {
  if (!fs.existsSync(path.join(root, "src", "pos"))) return false
  const built = path.join(root, ".medusa", "pos", "index.html")
  if (!fs.existsSync(built)) return true
  const builtAt = fs.statSync(built).mtimeMs
  const newer = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name)
      return entry.isDirectory() ? entry.name !== "__tests__" && newer(full) : fs.statSync(full).mtimeMs > builtAt
    })
  return newer(path.join(root, "src", "pos"))
}

function banner(summary, baseUrl, databaseLabel, redisUrl) {
  const lines = [
    "",
    "  Northwind Outfitters, the demo retailer, is open.",
    "",
    `  Dashboard        ${baseUrl}/app`,
    `  POS page         ${baseUrl}/pos  (store staff below: sign in, or take over a till with a PIN)`,
    `  Admin login      ${summary.admin.email} / ${summary.admin.password}`,
    `  Publishable key  ${summary.publishable_key}`,
    `  Try it           curl -H "x-publishable-api-key: ${summary.publishable_key}" ${baseUrl}/store/products`,
  ]
  if (summary.staff?.length) {
    lines.push("", "  Store staff (POS)")
    for (const staff of summary.staff) {
      lines.push(`    ${staff.store.padEnd(24)} ${staff.role.padEnd(10)} ${staff.email} / ${staff.password}  PIN ${staff.pin}`)
    }
  }
  lines.push(
    "",
    `  Database         ${databaseLabel}`,
    `  Redis            ${redisUrl ? maskUrl(redisUrl) : "not configured (in-memory event bus, locking and workflows)"}`,
    "",
    "  Ctrl-C stops Medusa and the database.",
    ""
  )
  process.stdout.write(lines.join("\n") + "\n")
}

async function main() {
  if (!fs.existsSync(medusaBin)) {
    return fail("Dependencies are missing: run `npm install` first.")
  }
  if (!acquireLock()) {
    return
  }

  let embeddedStarting
  let medusa
  let medusaCommand
  let stopping = false
  const stopCommands = new AbortController()

  const shutdown = async (code) => {
    if (stopping) {
      return
    }
    stopping = true
    stopCommands.abort()
    await medusaCommand?.catch(() => {})
    if (medusa && medusa.exitCode === null) {
      say("Stopping Medusa…")
      const exited = new Promise((resolve) => medusa.once("exit", resolve))
      try {
        process.kill(-medusa.pid, "SIGTERM")
      } catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-medusa.pid, "SIGKILL")
        } catch {}
      }, 10000)
      await exited
      clearTimeout(timer)
    }
    const embedded = await embeddedStarting?.catch(() => null)
    if (embedded) {
      say("Stopping the embedded Postgres…")
      await embedded.stop().catch(() => {})
    }
    releaseLock()
    process.exit(code)
  }
  const medusaRun = (args, env) => {
    medusaCommand = runMedusa(args, env, setupLog, { signal: stopCommands.signal })
    return medusaCommand
  }
  process.on("SIGINT", () => shutdown(0))
  process.on("SIGTERM", () => shutdown(0))
  process.on("SIGHUP", () => shutdown(0))

  try {
    const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" }
    let databaseLabel

    if (env.DATABASE_URL) {
      const probe = await probePostgres(env.DATABASE_URL, 5000)
      if (!probe.ok) {
        fail(
          `Cannot reach the database at ${maskUrl(env.DATABASE_URL)} (${probe.reason}).\n` +
            "  Check DATABASE_URL, or unset it to run on the embedded Postgres."
        )
        return shutdown(1)
      }
      databaseLabel = maskUrl(env.DATABASE_URL)
    } else {
      const wanted = path.join(dataRoot, "postgres")
      const { dataDir, relocated } = prepareEmbeddedPostgres(wanted)
      await stopOrphanedPostgres(dataDir)
      say(
        relocated
          ? `No DATABASE_URL: starting the embedded Postgres (data in ${dataDir}: as root it runs as the ` +
              `postgres user, who cannot enter ${root})`
          : `No DATABASE_URL: starting the embedded Postgres (data in ${path.relative(root, dataDir)})`
      )
      embeddedStarting = startEmbeddedPostgres({ dataDir: wanted, preferredPort: EMBEDDED_PORT, stopOnSignals: false })
      const embedded = await embeddedStarting
      await ensureDatabase(embedded.connection, DEMO_DATABASE)
      env.DATABASE_URL = embedded.url(DEMO_DATABASE)
      databaseLabel = `embedded Postgres, ${maskUrl(env.DATABASE_URL)}`
    }

    if (env.REDIS_URL) {
      const probe = await probeRedis(env.REDIS_URL)
      if (!probe.ok) {
        fail(
          `Cannot reach Redis at ${maskUrl(env.REDIS_URL)} (${probe.reason}).\n` +
            "  Check REDIS_URL, or unset it to use Medusa's in-memory modules."
        )
        return shutdown(1)
      }
    }

    const port = Number(env.PORT || 9000)
    if (!seedOnly && !(await isPortFree(port))) {
      fail(`Port ${port} is already in use. Stop what runs there, or set PORT to another port.`)
      return shutdown(1)
    }

    fs.writeFileSync(setupLog, "")
    say("Running migrations (output in .data/setup.log)…")
    await medusaRun(["db:migrate"], env)
    say("Seeding the demo retailer (only what is missing)…")
    fs.rmSync(summaryFile, { force: true })
    await medusaRun(["exec", "./demo/seed.ts", summaryFile], env)
    const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"))

    if (seedOnly) {
      say("Seed done.")
      return shutdown(0)
    }
    if (stopping) {
      return
    }

    if (posPageIsStale()) {
      say("Building the POS page (src/pos → .medusa/pos)…")
      // The demo still opens without it: /pos then answers 503 and says how to build it.
      await buildPosPage(undefined, { quiet: true }).catch((error) =>
        say(`The POS page could not be built (${error.message.split("\n")[0]}); run \`npm run build:pos\` to see why.`)
      )
    }

    say("Starting Medusa with the dashboard…")
    medusa = spawn(medusaBin, ["develop"], {
      cwd: root,
      env: { ...env, PORT: String(port) },
      stdio: "inherit",
      // Its own process group, so that stopping it also stops the server
      // process `medusa develop` forks.
      detached: true,
    })
    recordMedusa(medusa.pid)
    medusa.on("exit", (code) => {
      if (!stopping) {
        fail(`Medusa stopped unexpectedly (exit code ${code}).`)
        shutdown(code || 1)
      }
    })

    const baseUrl = `http://localhost:${port}`
    if (!(await waitForHealth(`${baseUrl}/health`, medusa, 180000))) {
      if (!stopping) {
        fail(`Medusa did not answer on ${baseUrl}/health within three minutes.`)
        return shutdown(1)
      }
      return
    }
    banner(summary, baseUrl, databaseLabel, env.REDIS_URL)
  } catch (error) {
    if (stopping) {
      return
    }
    fail(error.message)
    return shutdown(1)
  }
}

main()
