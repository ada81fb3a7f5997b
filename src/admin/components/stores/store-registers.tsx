import { Badge, Button, Drawer, Input, Label, Switch, Table, Text, toast } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { apiMessage, sdk } from "../../lib/sdk"
import { storeKeys, usePosMutation, type Register } from "../../lib/stores"

type RegisterBody = { _id?: string; name: string; reader_id: string | null; is_active?: boolean }

/** Add, rename, set or clear the card reader, deactivate: one drawer for a new or an existing register. */
function RegisterDrawer({ storeId, register, onClose }: { storeId: string; register: Register | null; onClose: () => void }) {
  const [name, setName] = useState(register?.name ?? "")
  const [reader, setReader] = useState(register?.stripe_reader_id ?? "")
  const [active, setActive] = useState(register?.is_active ?? true)
  const [problem, setProblem] = useState<string | null>(null)
  const save = usePosMutation<RegisterBody>((b) => (b._id ? `/admin/pos/stores/${storeId}/registers/${b._id}` : `/admin/pos/stores/${storeId}/registers`))
  const submit = () => {
    const body: RegisterBody = register
      ? { _id: register.id, name, reader_id: reader.trim() || null, is_active: active }
      : { name, reader_id: reader.trim() || null }
    save.mutate(body, {
      onSuccess: () => {
        toast.success(register ? "Register saved" : `Register ${name} added`)
        onClose()
      },
      onError: (error) => setProblem(apiMessage(error)),
    })
  }
  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{register ? `Register ${register.name}` : "Add a register"}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <div className="flex flex-col gap-y-1">
            <Label htmlFor="register-name" size="small" weight="plus">
              Name
            </Label>
            <Input id="register-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Till 3" />
          </div>
          <div className="flex flex-col gap-y-1">
            <Label htmlFor="register-reader" size="small" weight="plus">
              Card reader
            </Label>
            <Input id="register-reader" value={reader} onChange={(e) => setReader(e.target.value)} placeholder="tmr_… (empty: cash only)" />
            <Text size="xsmall" className="text-ui-fg-subtle">
              The Stripe Terminal reader's id. Leave it empty for a till without cards.
            </Text>
          </div>
          {register && (
            <div className="flex items-center gap-x-2">
              <Switch id="register-active" checked={active} onCheckedChange={setActive} />
              <Label htmlFor="register-active" size="small">
                Active (an inactive register cannot open a shift)
              </Label>
            </div>
          )}
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

export function StoreRegisters({ storeId }: { storeId: string }) {
  const { data, isLoading, error } = useQuery({
    queryKey: storeKeys.registers(storeId),
    queryFn: () => sdk.client.fetch<{ registers: Register[] }>(`/admin/pos/stores/${storeId}/registers`),
  })
  const [editing, setEditing] = useState<Register | null | "new">(null)
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <div className="flex items-center justify-between">
        <Text weight="plus">Registers</Text>
        <Button size="small" variant="secondary" onClick={() => setEditing("new")}>
          Add register
        </Button>
      </div>
      {isLoading && <Text size="small">Loading…</Text>}
      {error && <Text className="text-ui-fg-error">{apiMessage(error)}</Text>}
      {data && data.registers.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle">
          No register yet: staff cannot open a shift here.
        </Text>
      )}
      {data && data.registers.length > 0 && (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Name</Table.HeaderCell>
                <Table.HeaderCell>Card reader</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.registers.map((register) => (
                <Table.Row key={register.id}>
                  <Table.Cell>{register.name}</Table.Cell>
                  <Table.Cell>{register.stripe_reader_id ?? "Cash only"}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={register.is_active ? "green" : "grey"}>
                      {register.is_active ? "active" : "inactive"}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    <Button size="small" variant="transparent" onClick={() => setEditing(register)}>
                      Edit
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {editing && <RegisterDrawer storeId={storeId} register={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  )
}
