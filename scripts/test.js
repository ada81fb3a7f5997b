#!/usr/bin/env node
// `npm test`: type check, unit tests, module tests and HTTP integration tests on a
// real Postgres. Uses the server at DB_HOST/DB_PORT (default localhost:5432) when it
// answers; otherwise starts an embedded Postgres for the run and removes it after.
// The spec of the Redis modules runs when a Redis server answers at REDIS_URL
// (default redis://127.0.0.1:6379). Ends with one line: "Tests: N passed, N failed".
const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawn } = require("child_process")
const { maskUrl, probePostgres, startEmbeddedPostgres } = require("./lib/postgres")
const { probeRedis } = require("./lib/redis")
const { quietTelemetry } = require("./lib/medusa")

const root = path.resolve(__dirname, "..")
const bin = (name) => path.join(root, "node_modules", ".bin", name)

function say(message) {
  process.stdout.write(`\n[npm test] ${message}\n`)
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" })
    child.on("error", (error) => {
      process.stderr.write(`${error.message}\n`)
      resolve(1)
    })
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

async function resolveDatabase(env) {
  // The test runner turns SSL on unless the host is literally "localhost".
  const host = !env.DB_HOST || env.DB_HOST === "127.0.0.1" ? "localhost" : env.DB_HOST
  const port = Number(env.DB_PORT || 5432)
  const user = env.DB_USERNAME || "postgres"
  const password = env.DB_PASSWORD || ""
  const probe = await probePostgres({ host, port, user, password, database: "postgres" }, 3000)
  if (probe.ok) {
    say(`Postgres: ${user}@${host}:${port}`)
    return { env: { DB_HOST: host, DB_PORT: String(port), DB_USERNAME: user, DB_PASSWORD: password } }
  }
  say(`No Postgres answers at ${host}:${port} (${probe.reason}); starting an embedded one for this run`)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-pos-test-"))
  fs.chmodSync(dataDir, 0o755)
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "pg"),
    preferredPort: 55432,
    persistent: false,
  })
  return {
    env: {
      DB_HOST: "localhost",
      DB_PORT: String(embedded.port),
      DB_USERNAME: embedded.connection.user,
      DB_PASSWORD: embedded.connection.password,
    },
    stop: async () => {
      await embedded.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function main() {
  const results = []
  const record = (name, passed, failed) => results.push({ name, passed, failed })

  const database = await resolveDatabase(process.env)
  const telemetry = quietTelemetry()
  const env = {
    ...process.env,
    ...database.env,
    ...telemetry.env,
    NODE_ENV: "test",
    LOG_LEVEL: process.env.LOG_LEVEL || "error",
  }
  // The specs decide themselves where Redis is used; none inherits it by accident.
  delete env.REDIS_URL
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379"
  const redis = await probeRedis(redisUrl)
  if (redis.ok) {
    env.POS_TEST_REDIS_URL = redisUrl
    say(`Redis: ${maskUrl(redisUrl)}`)
  } else {
    say(`No Redis at ${maskUrl(redisUrl)} (${redis.reason}): the Redis modules spec is left out`)
  }
  const started = Date.now()
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-pos-report-"))

  const stopDatabase = async () => {
    telemetry.remove()
    if (database.stop) {
      await database.stop().catch(() => {})
    }
  }
  process.on("SIGINT", async () => {
    await stopDatabase()
    process.exit(130)
  })

  try {
    for (const project of ["tsconfig.check.json", "src/admin/tsconfig.json", "src/pos/tsconfig.json"]) {
      say(`Type check (${project})`)
      const code = await run(bin("tsc"), ["--noEmit", "-p", project], env)
      record(`type check ${project}`, code === 0 ? 1 : 0, code === 0 ? 0 : 1)
    }

    for (const type of ["unit", "integration:modules", "integration:http"]) {
      say(`Jest: ${type}`)
      const outputFile = path.join(reportDir, `${type.replace(":", "-")}.json`)
      // The HTTP specs boot Medusa (and some a browser) each: one jest process for all of them
      // grows past Node's heap (it ran out at about 4 GB with 34 specs). They run one at a time
      // in a worker that jest replaces once it holds more than the limit after a spec.
      const serial = type === "integration:http" ? ["--maxWorkers=1", "--workerIdleMemoryLimit=1500MB"] : ["--runInBand"]
      const code = await run(
        bin("jest"),
        [...serial, "--forceExit", "--silent", "--json", `--outputFile=${outputFile}`],
        // Medusa's loaders import modules dynamically, which jest allows only with this flag.
        { ...env, TEST_TYPE: type, NODE_OPTIONS: `${env.NODE_OPTIONS || ""} --experimental-vm-modules`.trim() }
      )
      let report
      try {
        report = JSON.parse(fs.readFileSync(outputFile, "utf8"))
      } catch {
        record(`jest ${type}`, 0, 1)
        continue
      }
      // A suite that failed to load has no test results but must still count.
      const brokenSuites = report.numRuntimeErrorTestSuites || 0
      record(`jest ${type}`, report.numPassedTests, report.numFailedTests + brokenSuites)
      if (code !== 0 && report.numFailedTests + brokenSuites === 0) {
        record(`jest ${type} exit code ${code}`, 0, 1)
      }
      if (report.numTotalTests === 0) {
        record(`jest ${type}: no tests found`, 0, 1)
      }
    }
  } finally {
    await stopDatabase()
    fs.rmSync(reportDir, { recursive: true, force: true })
  }

  const passed = results.reduce((sum, r) => sum + r.passed, 0)
  const failed = results.reduce((sum, r) => sum + r.failed, 0)
  process.stdout.write("\n")
  for (const r of results) {
    process.stdout.write(`  ${r.failed ? "FAIL" : "ok  "}  ${r.name}: ${r.passed} passed, ${r.failed} failed\n`)
  }
  if (!env.POS_TEST_REDIS_URL) {
    process.stdout.write("  (the Redis modules spec was left out: no Redis server answered)\n")
  }
  process.stdout.write(`  took ${Math.round((Date.now() - started) / 1000)} s\n`)
  process.stdout.write(`\nTests: ${passed} passed, ${failed} failed\n`)
  process.exit(failed ? 1 : 0)
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error.message}\n`)
  process.stdout.write("\nTests: 0 passed, 1 failed\n")
  process.exit(1)
})
