import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Select, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link, useSearchParams } from "react-router-dom"
import { PageHeader } from "../../../components/stores/page-header"
import { apiMessage, sdk } from "../../../lib/sdk"
import { useStores } from "../../../lib/stores"

type Problem = { rule: string; severity: "error" | "warning"; message: string; store_id: string | null; link: string }
type Report = {
  ready: boolean
  checked_at: string
  stores: { id: string; name: string }[]
  skipped_stores: { id: string; name: string; reason: string }[]
  rules: { id: string; label: string; severity: "error" | "warning"; problems: number; truncated: number }[]
  problems: Problem[]
}

/** The API's links are dashboard paths (/app/…); inside the dashboard they are routes. */
const route = (link: string) => link.replace(/^\/app(?=\/)/, "")

/**
 * The go-live check: what a retailer must fix before a store goes live (the
 * seed's playbook: clean data first, pilot in one or two stores), each
 * problem with a link to the page that fixes it.
 */
const ReadinessPage = () => {
  const [params, setParams] = useSearchParams()
  const storeId = params.get("store_id") ?? "all"
  const stores = useStores({ fields: "id,name,status" })
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ["pos_readiness", storeId],
    queryFn: () => sdk.client.fetch<{ readiness: Report }>("/admin/pos/readiness", { query: storeId === "all" ? {} : { store_id: storeId } }),
  })
  const report = data?.readiness
  const storeName = new Map((stores.data?.stores ?? []).map((s) => [s.id, s.name]))
  // the rules count every problem found; the list holds at most 200 per rule
  const count = (severity: "error" | "warning") => (report?.rules ?? []).filter((r) => r.severity === severity).reduce((sum, r) => sum + r.problems, 0)
  const errors = count("error")
  const warnings = count("warning")

  return (
    <Container className="divide-y p-0">
      <PageHeader
        title="Go-live check"
        description="What to fix before a store goes live. Clean the data first, then pilot in one or two stores."
        actions={
          <Button size="small" variant="secondary" onClick={() => refetch()} isLoading={isFetching}>
            Check again
          </Button>
        }
      />
      <div className="flex flex-col gap-3 px-6 py-3 sm:flex-row sm:items-center">
        <Select value={storeId} onValueChange={(value) => setParams(value === "all" ? {} : { store_id: value })}>
          <Select.Trigger className="sm:w-72" aria-label="Store">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="all">Every active store</Select.Item>
            {(stores.data?.stores ?? []).map((s) => (
              <Select.Item key={s.id} value={s.id}>
                {s.name}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        {report && (
          <div className="flex items-center gap-2" data-testid="readiness-summary">
            <Badge color={report.ready ? "green" : "red"}>{report.ready ? "Ready to go live" : `${errors} to fix before going live`}</Badge>
            {warnings > 0 && <Badge color="orange">{warnings} to look at</Badge>}
          </div>
        )}
      </div>
      {error && <Text className="px-6 py-4 text-ui-fg-error">{apiMessage(error)}</Text>}
      {report && (
        <>
          <div className="px-6 py-4">
            <Heading level="h2" className="mb-2">
              Rules
            </Heading>
            <ul className="flex flex-col gap-1">
              {report.rules.map((rule) => (
                <li key={rule.id} className="flex items-center gap-2 text-sm">
                  <Badge size="2xsmall" color={rule.problems === 0 ? "green" : rule.severity === "error" ? "red" : "orange"}>
                    {rule.problems === 0 ? "ok" : rule.problems}
                  </Badge>
                  <span>{rule.label}</span>
                </li>
              ))}
            </ul>
            {report.skipped_stores.length > 0 && (
              <Text size="small" className="mt-2 text-ui-fg-subtle">
                Not checked: {report.skipped_stores.map((s) => `${s.name} (${s.reason})`).join(", ")}.
              </Text>
            )}
          </div>
          {report.problems.length === 0 ? (
            <Text className="px-6 py-4">Nothing to fix: {report.stores.map((s) => s.name).join(", ") || "the catalogue"} can go live.</Text>
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Problem</Table.HeaderCell>
                    <Table.HeaderCell>Store</Table.HeaderCell>
                    <Table.HeaderCell />
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {report.problems.map((problem, i) => (
                    <Table.Row key={`${problem.rule}-${i}`} data-rule={problem.rule}>
                      <Table.Cell className="whitespace-normal">
                        <Badge size="2xsmall" color={problem.severity === "error" ? "red" : "orange"} className="mr-2">
                          {problem.severity === "error" ? "fix" : "check"}
                        </Badge>
                        {problem.message}
                      </Table.Cell>
                      <Table.Cell>{problem.store_id ? storeName.get(problem.store_id) ?? problem.store_id : "Catalogue"}</Table.Cell>
                      <Table.Cell className="text-right">
                        <Link to={route(problem.link)} className="text-ui-fg-interactive whitespace-nowrap">
                          Fix it
                        </Link>
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          <Text size="xsmall" className="px-6 py-3 text-ui-fg-subtle">
            Checked {new Date(report.checked_at).toLocaleString()}. The same check runs in a terminal: npx medusa exec ./src/scripts/readiness.ts
          </Text>
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Go-live check" })

export default ReadinessPage
