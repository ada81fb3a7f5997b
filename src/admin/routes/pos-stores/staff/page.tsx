import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Drawer, Input, Label, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { MemberDrawer } from "../../../components/stores/member-drawer"
import { PageHeader } from "../../../components/stores/page-header"
import { apiMessage } from "../../../lib/sdk"
import { staffName, usePosMutation, useStaff, useStores, type Staff } from "../../../lib/stores"

type NewStaff = { email: string; password: string; first_name: string; last_name: string }

function CreateStaffDrawer({ onClose }: { onClose: () => void }) {
  const [values, setValues] = useState<NewStaff>({ email: "", password: "", first_name: "", last_name: "" })
  const [problem, setProblem] = useState<string | null>(null)
  const create = usePosMutation<NewStaff>(() => "/admin/pos/staff")
  const field = (key: keyof NewStaff, label: string, type = "text", hint?: string) => (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={`staff-${key}`} size="small" weight="plus">
        {label}
      </Label>
      <Input id={`staff-${key}`} type={type} autoComplete={type === "password" ? "new-password" : "off"} value={values[key]} onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))} />
      {hint && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {hint}
        </Text>
      )}
    </div>
  )
  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>New staff member</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          {field("first_name", "First name")}
          {field("last_name", "Last name")}
          {field("email", "Email", "email", "They sign in to the POS page with it.")}
          {field("password", "Password", "password", "At least 8 characters. Give it to them in person.")}
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
          <Button
            isLoading={create.isPending}
            onClick={() =>
              create.mutate(values, {
                onSuccess: () => {
                  toast.success(`${values.first_name} can sign in once assigned to a store`)
                  onClose()
                },
                onError: (error) => setProblem(apiMessage(error)),
              })
            }
          >
            Create
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/** Store staff: create them, assign them to stores with a role and a PIN, deactivate them. */
const StaffPage = () => {
  const [q, setQ] = useState("")
  const staff = useStaff(q.trim() ? { q: q.trim() } : {})
  const stores = useStores({ fields: "id,name,code,status" })
  const storeName = new Map((stores.data?.stores ?? []).map((s) => [s.id, s.name]))
  const prompt = usePrompt()
  const [creating, setCreating] = useState(false)
  const [assigning, setAssigning] = useState<Staff | null>(null)
  const update = usePosMutation<{ _id: string; is_active: boolean }>((b) => `/admin/pos/staff/${b._id}`)

  const toggle = async (person: Staff) => {
    const confirmed = await prompt({
      title: person.is_active ? `Deactivate ${staffName(person)}?` : `Reactivate ${staffName(person)}?`,
      description: person.is_active
        ? "At once: their open POS sessions stop working, their PIN opens nothing and they cannot sign in to any till. Their sales and audit rows stay."
        : "They can sign in to the stores they are assigned to again.",
      confirmText: person.is_active ? "Deactivate" : "Reactivate",
      cancelText: "Cancel",
    })
    if (confirmed) {
      update.mutate(
        { _id: person.id, is_active: !person.is_active },
        { onSuccess: () => toast.success(person.is_active ? "Deactivated" : "Reactivated"), onError: (e) => toast.error(apiMessage(e)) }
      )
    }
  }

  return (
    <Container className="divide-y p-0">
      <PageHeader
        title="Staff"
        description="The people who work the tills. They sign in to the POS page with their email and switch tills with their PIN."
        actions={
          <Button size="small" onClick={() => setCreating(true)}>
            Create staff member
          </Button>
        }
      />
      <div className="px-6 py-3">
        <Input type="search" size="small" placeholder="Search by name or email" aria-label="Search staff" value={q} onChange={(e) => setQ(e.target.value)} className="sm:max-w-xs" />
      </div>
      {staff.isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {staff.error && <Text className="px-6 py-4 text-ui-fg-error">{apiMessage(staff.error)}</Text>}
      {staff.data && staff.data.count === 0 && <Text className="px-6 py-4 text-ui-fg-subtle">{q ? "Nobody matches." : "No staff yet."}</Text>}
      {staff.data && staff.data.count > 0 && (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Name</Table.HeaderCell>
                <Table.HeaderCell>Stores</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {staff.data.staff.map((person) => (
                <Table.Row key={person.id}>
                  <Table.Cell>
                    <div className="flex flex-col">
                      <span>{staffName(person)}</span>
                      <span className="text-ui-fg-subtle text-xs">{person.email}</span>
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-wrap gap-1">
                      {person.memberships.length === 0 && <span className="text-ui-fg-subtle">none</span>}
                      {person.memberships.map((m) => (
                        <Badge key={m.id} size="2xsmall" color={m.role === "manager" ? "purple" : "grey"}>
                          {storeName.get(m.store_id) ?? m.store_id} · {m.role}
                        </Badge>
                      ))}
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={person.is_active ? "green" : "red"}>
                      {person.is_active ? "active" : "deactivated"}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap text-right">
                    <Button size="small" variant="transparent" onClick={() => setAssigning(person)} disabled={!person.is_active}>
                      Assign to store
                    </Button>
                    <Button size="small" variant="transparent" onClick={() => toggle(person)}>
                      {person.is_active ? "Deactivate" : "Reactivate"}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {creating && <CreateStaffDrawer onClose={() => setCreating(false)} />}
      {assigning && (
        <MemberDrawer
          stores={(stores.data?.stores ?? []).filter((s) => s.status === "active")}
          staff={[assigning]}
          current={undefined}
          onClose={() => setAssigning(null)}
          fixedStaffId={assigning.id}
        />
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Staff" })

export default StaffPage
