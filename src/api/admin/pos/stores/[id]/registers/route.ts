import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../../modules/pos"
import type PosModuleService from "../../../../../../modules/pos/service"
import { createRegisterWorkflow } from "../../../../../../workflows/register/create-register"
import { refetchPosStore } from "../../helpers"
import type { AdminCreatePosRegisterType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchPosStore(req.scope, req.params.id, ["id"])
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const registers = await pos.listPosRegisters({ store_id: req.params.id }, { order: { name: "ASC" } })
  res.json({ registers })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreatePosRegisterType>, res: MedusaResponse) => {
  const { result } = await createRegisterWorkflow(req.scope).run({
    input: {
      store_id: req.params.id,
      name: req.validatedBody.name,
      stripe_reader_id: req.validatedBody.reader_id ?? null,
      actor_id: req.auth_context.actor_id,
      request_id: req.requestId,
    },
  })
  res.json({ register: result })
}
