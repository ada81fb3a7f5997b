import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateRegisterWorkflow } from "../../../../../../../workflows/register/update-register"
import type { AdminUpdatePosRegisterType } from "../../../validators"

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdatePosRegisterType>, res: MedusaResponse) => {
  const { reader_id, ...rest } = req.validatedBody
  const { result } = await updateRegisterWorkflow(req.scope).run({
    input: {
      store_id: req.params.id,
      id: req.params.register_id,
      ...rest,
      ...(reader_id !== undefined ? { stripe_reader_id: reader_id } : {}),
      actor_id: req.auth_context.actor_id,
      request_id: req.requestId,
    },
  })
  res.json({ register: result })
}
