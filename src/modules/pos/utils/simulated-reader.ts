import { MedusaError } from "@medusajs/framework/utils"

/**
 * The simulated card reader (plugin option `simulated_reader`): a register's
 * reader_id of "simulated" takes card tenders that the till approves or
 * declines itself. They are recorded with Medusa's system payment provider,
 * which never moves money, so training sales complete, refund and report like
 * real ones without a Stripe account.
 */
export const SIMULATED_READER_ID = "simulated"
export const SIMULATED_PAYMENT_PROVIDER_ID = "pp_system_default"

export const isSimulatedReader = (readerId: string | null | undefined) => readerId === SIMULATED_READER_ID

/** Refuses the simulated reader where the plugin option does not turn it on. */
export function throwIfSimulatedReaderOff(readerId: string | null | undefined, enabled: boolean) {
  if (isSimulatedReader(readerId) && !enabled) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `reader_id "${SIMULATED_READER_ID}" is the simulated reader for training, which is off: set the plugin option simulated_reader (or POS_SIMULATED_READER=true), or give the register a Stripe Terminal reader`
    )
  }
}
