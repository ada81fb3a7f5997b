import { defineRouteConfig } from "@medusajs/admin-sdk"
import { BuildingStorefront } from "@medusajs/icons"
import { Badge, Button, Container, Input, Select, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { PageHeader } from "../../components/stores/page-header"
import { apiMessage } from "../../lib/sdk"
import { CAPABILITIES, useStores } from "../../lib/stores"

const PosStoresPage = () => {
  const navigate = useNavigate()
  const [q, setQ] = useState("")
  const [status, setStatus] = useState("all")
  const { data, isLoading, error } = useStores({
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(status !== "all" ? { status } : {}),
    fields: "id,name,code,status,city,country_code,capabilities",
  })

  return (
    <Container className="divide-y p-0">
      <PageHeader
        title="Stores"
        description="The shops of your network: they sell at the counter, hand over pickups, ship online orders and take returns."
        actions={
          <>
            <Button size="small" variant="secondary" asChild>
              <Link to="/pos-stores/readiness">Go-live check</Link>
            </Button>
            <Button size="small" onClick={() => navigate("/pos-stores/create")}>
              Create store
            </Button>
          </>
        }
      />
      <div className="flex flex-col gap-2 px-6 py-3 sm:flex-row">
        <Input
          type="search"
          size="small"
          placeholder="Search by name or code"
          aria-label="Search stores"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="sm:max-w-xs"
        />
        <Select size="small" value={status} onValueChange={setStatus}>
          <Select.Trigger className="sm:w-40" aria-label="Status">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="all">All statuses</Select.Item>
            <Select.Item value="active">Active</Select.Item>
            <Select.Item value="disabled">Disabled</Select.Item>
          </Select.Content>
        </Select>
      </div>
      {isLoading && <Text className="px-6 py-4">Loading stores…</Text>}
      {error && <Text className="px-6 py-4 text-ui-fg-error">Could not load the stores: {apiMessage(error)}</Text>}
      {data && data.count === 0 && (
        <Text className="px-6 py-4 text-ui-fg-subtle">
          {q || status !== "all" ? "No store matches." : "No stores yet: create the first one."}
        </Text>
      )}
      {data && data.count > 0 && (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Name</Table.HeaderCell>
                <Table.HeaderCell>Code</Table.HeaderCell>
                <Table.HeaderCell>City</Table.HeaderCell>
                <Table.HeaderCell>Switched on</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.stores.map((store) => (
                <Table.Row key={store.id} className="cursor-pointer" onClick={() => navigate(`/pos-stores/${store.id}`)}>
                  <Table.Cell>
                    <Link to={`/pos-stores/${store.id}`} className="text-ui-fg-base" onClick={(e) => e.stopPropagation()}>
                      {store.name}
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{store.code}</Table.Cell>
                  <Table.Cell>{store.city ?? "–"}</Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-wrap gap-1 py-1">
                      {CAPABILITIES.filter(({ key }) => store.capabilities?.[key]).map(({ key, label }) => (
                        <Badge key={key} size="2xsmall" color="blue">
                          {label}
                        </Badge>
                      ))}
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <Badge color={store.status === "active" ? "green" : "grey"} size="2xsmall">
                      {store.status}
                    </Badge>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Stores (POS)",
  icon: BuildingStorefront,
})

export default PosStoresPage
