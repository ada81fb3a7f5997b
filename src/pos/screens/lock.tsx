import { Button } from "@medusajs/ui"
import { PinPad } from "../components/pin-pad"
import { usePos } from "../state"

/** A locked till (idle, or locked by hand): any member of the store opens it with their PIN. */
export function LockScreen() {
  const { switchByPin, signOut, session, info } = usePos()
  return (
    <main className="flex min-h-full flex-col items-center justify-center gap-6 p-4" data-testid="lock-screen">
      <PinPad
        title="Till locked"
        description={`${info?.store.name ?? "This store"}: enter your PIN to take over the till${
          session ? ` (last used by ${session.staff.first_name})` : ""
        }.`}
        submit={async (pin) => {
          await switchByPin(pin)
        }}
      />
      <Button variant="transparent" className="pos-target" onClick={signOut}>
        Sign in with email and password instead
      </Button>
    </main>
  )
}
