import { Badge, Button, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { apiMessage, sdk } from "../../lib/sdk"
import { staffName, storeKeys, usePosMutation, useStaff, type Member, type PosStore } from "../../lib/stores"
import { MemberDrawer } from "./member-drawer"

export function StoreMembers({ store }: { store: PosStore }) {
  const { data, isLoading, error } = useQuery({
    queryKey: storeKeys.members(store.id),
    queryFn: () => sdk.client.fetch<{ members: Member[] }>(`/admin/pos/stores/${store.id}/staff`),
  })
  const staff = useStaff()
  const prompt = usePrompt()
  const [editing, setEditing] = useState<Member | "new" | null>(null)
  const remove = usePosMutation<{ _staff: string }>((b) => `/admin/pos/stores/${store.id}/staff/${b._staff}`, "DELETE")
  const removeMember = async (member: Member) => {
    const confirmed = await prompt({
      title: `Remove ${staffName(member.staff)} from ${store.name}?`,
      description: "They can no longer sign in to this store's tills, at once. Their sales and audit rows stay.",
      confirmText: "Remove",
      cancelText: "Cancel",
    })
    if (confirmed) {
      remove.mutate({ _staff: member.staff.id }, { onSuccess: () => toast.success("Removed"), onError: (e) => toast.error(apiMessage(e)) })
    }
  }
  const members = data?.members ?? []
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <div className="flex items-center justify-between">
        <Text weight="plus">Staff</Text>
        <Button size="small" variant="secondary" onClick={() => setEditing("new")}>
          Add staff
        </Button>
      </div>
      {isLoading && <Text size="small">Loading…</Text>}
      {error && <Text className="text-ui-fg-error">{apiMessage(error)}</Text>}
      {data && members.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle">
          Nobody works here yet.
        </Text>
      )}
      {data && members.length > 0 && !members.some((m) => m.role === "manager" && m.staff.is_active) && (
        <Text size="small" className="text-ui-fg-error">
          No active manager: refunds, voids and cash variances cannot be approved here.
        </Text>
      )}
      {members.length > 0 && (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Name</Table.HeaderCell>
                <Table.HeaderCell>Role</Table.HeaderCell>
                <Table.HeaderCell>PIN</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {members.map((member) => (
                <Table.Row key={member.id}>
                  <Table.Cell>
                    <div className="flex flex-col">
                      <span>{staffName(member.staff)}</span>
                      <span className="text-ui-fg-subtle text-xs">{member.staff.email}</span>
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={member.role === "manager" ? "purple" : "grey"}>
                      {member.role}
                    </Badge>
                    {!member.staff.is_active && (
                      <Badge size="2xsmall" color="red" className="ml-1">
                        deactivated
                      </Badge>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {member.pin_locked_until && new Date(member.pin_locked_until) > new Date() ? "locked" : member.has_pin ? "set" : "not set"}
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap text-right">
                    <Button size="small" variant="transparent" onClick={() => setEditing(member)}>
                      Role or PIN
                    </Button>
                    <Button size="small" variant="transparent" onClick={() => removeMember(member)}>
                      Remove
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {editing && (
        <MemberDrawer
          store={store}
          staff={staff.data?.staff ?? []}
          current={editing === "new" ? undefined : { staff_id: editing.staff.id, role: editing.role, has_pin: editing.has_pin }}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  )
}
