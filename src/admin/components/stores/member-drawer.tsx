import { Button, Drawer, Input, Label, Select, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { apiMessage } from "../../lib/sdk"
import { staffName, usePosMutation, type PosStore, type Staff } from "../../lib/stores"

type MemberBody = { _store: string; staff_id: string; role: "manager" | "associate"; pin?: string }

/**
 * A staff member at a store: add them with a role and a PIN, or change either.
 * From a store's page the store is fixed; from the staff page the person is.
 */
export function MemberDrawer({
  store,
  stores,
  staff,
  current,
  onClose,
  fixedStaffId,
}: {
  store?: PosStore
  stores?: PosStore[]
  staff: Staff[]
  current?: { staff_id: string; store_id?: string; role: "manager" | "associate"; has_pin: boolean }
  onClose: () => void
  /** from the staff page: the person is chosen, the store is not */
  fixedStaffId?: string
}) {
  const [staffId, setStaffId] = useState(current?.staff_id ?? fixedStaffId ?? "")
  const [storeId, setStoreId] = useState(store?.id ?? current?.store_id ?? "")
  const [role, setRole] = useState<"manager" | "associate">(current?.role ?? "associate")
  const [pin, setPin] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  const save = usePosMutation<MemberBody>((b) => `/admin/pos/stores/${b._store}/staff`)
  const person = staff.find((s) => s.id === staffId)
  const submit = () => {
    if (!staffId || !storeId) {
      setProblem(!staffId ? "Choose a staff member" : "Choose a store")
      return
    }
    if (pin && !/^\d{4,8}$/.test(pin)) {
      setProblem("A PIN is 4 to 8 digits")
      return
    }
    save.mutate(
      { _store: storeId, staff_id: staffId, role, ...(pin ? { pin } : {}) },
      {
        onSuccess: () => {
          toast.success(pin ? "Saved with the new PIN" : "Saved")
          onClose()
        },
        onError: (error) => setProblem(apiMessage(error)),
      }
    )
  }
  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{current ? `${person ? staffName(person) : "Member"}: role and PIN` : store ? `Add staff to ${store.name}` : `Assign ${person ? staffName(person) : ""} to a store`}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          {!current && !store && stores && (
            <div className="flex flex-col gap-y-1">
              <Label size="small" weight="plus">
                Store
              </Label>
              <Select value={storeId} onValueChange={setStoreId}>
                <Select.Trigger aria-label="Store">
                  <Select.Value placeholder="Choose a store" />
                </Select.Trigger>
                <Select.Content>
                  {stores.map((s) => (
                    <Select.Item key={s.id} value={s.id}>
                      {s.name}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </div>
          )}
          {!current && store && (
            <div className="flex flex-col gap-y-1">
              <Label size="small" weight="plus">
                Staff member
              </Label>
              <Select value={staffId} onValueChange={setStaffId}>
                <Select.Trigger aria-label="Staff member">
                  <Select.Value placeholder="Choose a person" />
                </Select.Trigger>
                <Select.Content>
                  {staff
                    .filter((s) => s.is_active)
                    .map((s) => (
                      <Select.Item key={s.id} value={s.id}>
                        {staffName(s)} ({s.email})
                      </Select.Item>
                    ))}
                </Select.Content>
              </Select>
              <Text size="xsmall" className="text-ui-fg-subtle">
                Someone new? Create them on the Staff page first.
              </Text>
            </div>
          )}
          <div className="flex flex-col gap-y-1">
            <Label size="small" weight="plus">
              Role
            </Label>
            <Select value={role} onValueChange={(v) => setRole(v as "manager" | "associate")}>
              <Select.Trigger aria-label="Role">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="associate">Associate: sells, picks, hands over</Select.Item>
                <Select.Item value="manager">Manager: also approves refunds, voids, cash and counts</Select.Item>
              </Select.Content>
            </Select>
          </div>
          <div className="flex flex-col gap-y-1">
            <Label htmlFor="member-pin" size="small" weight="plus">
              {current?.has_pin ? "New PIN (empty keeps the current one)" : "PIN"}
            </Label>
            <Input id="member-pin" type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} placeholder="4 to 8 digits" />
            <Text size="xsmall" className="text-ui-fg-subtle">
              Switches the till to this person and approves manager actions. A new PIN also unlocks a PIN locked by wrong attempts.
            </Text>
          </div>
          {problem && (
            <Text size="small" className="text-ui-fg-error" role="alert">
              {problem}
            </Text>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} isLoading={save.isPending}>
            Save
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
