const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const testMatch = {
  unit: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s", "<rootDir>/scripts/__tests__/*.unit.spec.[jt]s", "<rootDir>/demo/__tests__/*.unit.spec.[jt]s"],
  "integration:modules": ["<rootDir>/src/modules/*/__tests__/**/*.spec.[jt]s"],
  "integration:http": ["<rootDir>/integration-tests/http/*.spec.[jt]s"],
}

module.exports = {
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true } } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/server/package.json"],
  setupFiles: ["./integration-tests/setup.js"],
  testMatch: testMatch[process.env.TEST_TYPE || "unit"],
  testPathIgnorePatterns: [
    ...(process.env.TEST_TYPE === "integration:modules" ? ["\\.unit\\.spec\\."] : []),
    // Needs a Redis server; npm test sets this when one answers.
    ...(process.env.POS_TEST_REDIS_URL ? [] : ["redis-modules\\.spec", "multi-server\\.spec"]),
  ],
}
