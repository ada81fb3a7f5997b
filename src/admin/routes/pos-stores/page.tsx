import { defineRouteConfig } from "@medusajs/admin-sdk"
import { BuildingStorefront } from "@medusajs/icons"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"

type PosStore = {
  id: string
  name: string
  code: string
  status: "active" | "disabled"
  city: string | null
  country_code: string | null
  capabilities: Record<string, boolean>
}

const CAPABILITY_LABELS: Record<string, string> = {
  sell: "Sell",
  pickup: "Pickup",
  curbside: "Curbside",
  ship_from_store: "Ship from store",
  returns: "Returns",
}

type PosStoreList = { stores: PosStore[]; count: number }

const PosStoresPage = () => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["pos_stores"],
    queryFn: () => sdk.client.fetch<PosStoreList>("/admin/pos/stores", {
        query: { limit: 100, fields: "id,name,code,status,city,country_code,capabilities" },
      }),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Stores</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The shops of your network: they sell at the counter, hand over pickups and take returns.
          </Text>
        </div>
      </div>
      {isLoading && <Text className="px-6 py-4">Loading stores…</Text>}
      {error && (
        <Text className="px-6 py-4 text-ui-fg-error">Could not load the stores: {(error as Error).message}</Text>
      )}
      {data && data.count === 0 && (
        <Text className="px-6 py-4 text-ui-fg-subtle">No stores yet.</Text>
      )}
      {data && data.count > 0 && (
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
              <Table.Row key={store.id}>
                <Table.Cell>{store.name}</Table.Cell>
                <Table.Cell>{store.code}</Table.Cell>
                <Table.Cell>{store.city ?? "–"}</Table.Cell>
                <Table.Cell>
                  <div className="flex flex-wrap gap-1 py-1">
                    {Object.entries(CAPABILITY_LABELS)
                      .filter(([key]) => store.capabilities?.[key])
                      .map(([key, label]) => (
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
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Stores (POS)",
  icon: BuildingStorefront,
})

export default PosStoresPage
