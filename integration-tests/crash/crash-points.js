// Preloaded (node --require) into a Medusa server by integration-tests/http/crash.spec.ts, never
// by the plugin. It registers handlers on the hooks of Medusa's workflows that a counter sale's
// completion runs through, and on the plugin's return workflow; when the file POS_CRASH_PLAN names the hook reached, the handler writes
// POS_CRASH_PLAN + ".reached" and hangs, and the test kills the server with SIGKILL right there:
// a merchant's crash at a known point of the completion.
const fs = require("fs")

const plan = process.env.POS_CRASH_PLAN
if (plan) {
  const { completeCartWorkflow, createOrderFulfillmentWorkflow } = require("@medusajs/medusa/core-flows")
  const point = (name) => async () => {
    let wanted = null
    try {
      wanted = fs.readFileSync(plan, "utf8").trim()
    } catch {}
    if (wanted !== name) {
      return
    }
    fs.unlinkSync(plan)
    fs.writeFileSync(`${plan}.reached`, name)
    // hangs until the test kills the process
    await new Promise(() => undefined)
  }
  completeCartWorkflow.hooks.validate(point("validate"))
  // Medusa allows one handler per hook, and the loyalty plugin (installed in the demo app) takes
  // these two: the crash point runs first inside the plugin's own handler, when the plugin registers it.
  for (const name of ["beforePaymentAuthorization", "orderCreated"]) {
    const register = completeCartWorkflow.hooks[name]
    completeCartWorkflow.hooks[name] = (handler, compensate) =>
      register(async (...args) => {
        await point(name)()
        return await handler(...args)
      }, compensate)
  }
  createOrderFulfillmentWorkflow.hooks.fulfillmentCreated(point("fulfillmentCreated"))
  // a return at a till: once Medusa's return stands, before the till's row is completed. The plugin's
  // workflow is TypeScript, loaded by Medusa later: its hook is registered when its module loads.
  const Module = require("module")
  const load = Module._load
  let registered = false
  Module._load = function (...args) {
    const exported = load.apply(this, args)
    const workflow = exported && exported.receiveStoreReturnWorkflow
    if (!registered && workflow && workflow.hooks && workflow.hooks.returnReceived) {
      registered = true
      workflow.hooks.returnReceived(point("returnReceived"))
    }
    return exported
  }
}
