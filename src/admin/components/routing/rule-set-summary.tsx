import { Badge, Table, Text } from "@medusajs/ui"
import type { RuleSet, Strategy } from "./types"

export const optionsText = (options?: Record<string, unknown>) =>
  options && Object.keys(options).length
    ? Object.entries(options)
        .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
        .join(", ")
    : "–"

export function KindBadge({ kind }: { kind?: string }) {
  if (!kind) {
    return (
      <Badge size="2xsmall" color="red">
        unknown
      </Badge>
    )
  }
  return (
    <Badge size="2xsmall" color={kind === "filter" ? "orange" : "blue"}>
      {kind}
    </Badge>
  )
}

/** The rule set in force: its rules in order with what each does, the split policy and the safety stock. */
export function RuleSetSummary({
  ruleSet,
  strategies,
  nodeName,
}: {
  ruleSet: RuleSet
  strategies: Strategy[]
  nodeName: (id: string) => string
}) {
  const strategy = new Map(strategies.map((s) => [s.id, s]))
  const perNode = Object.entries(ruleSet.safety_stock?.nodes ?? {})
  return (
    <>
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell className="w-10">#</Table.HeaderCell>
              <Table.HeaderCell>Rule</Table.HeaderCell>
              <Table.HeaderCell>Kind</Table.HeaderCell>
              <Table.HeaderCell className="hidden sm:table-cell">What it does</Table.HeaderCell>
              <Table.HeaderCell>Options</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {ruleSet.rules.map((rule, index) => (
              <Table.Row key={`${rule.id}-${index}`}>
                <Table.Cell>{index + 1}</Table.Cell>
                <Table.Cell className="py-2">
                  <span className="whitespace-nowrap font-mono text-xs">{rule.id}</span>
                  {/* on a phone the description sits under the rule instead of in a column off-screen */}
                  <Text size="xsmall" className="text-ui-fg-subtle min-w-[200px] whitespace-normal sm:hidden">
                    {strategy.get(rule.id)?.description ?? "Not a registered strategy"}
                  </Text>
                </Table.Cell>
                <Table.Cell>
                  <KindBadge kind={strategy.get(rule.id)?.kind} />
                </Table.Cell>
                <Table.Cell className="hidden min-w-[240px] whitespace-normal py-2 sm:table-cell">
                  {strategy.get(rule.id)?.description ?? "Not a registered strategy"}
                </Table.Cell>
                <Table.Cell className="whitespace-nowrap">{optionsText(rule.options)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      <div className="grid grid-cols-1 gap-4 px-6 py-4 sm:grid-cols-2">
        <div>
          <Text size="small" weight="plus">
            Split policy
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {ruleSet.allow_split_line
              ? "A line's units may come from several nodes."
              : "A line is never split: each line comes from one node (an order may still be split by line)."}
          </Text>
        </div>
        <div>
          <Text size="small" weight="plus">
            Safety stock
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {ruleSet.safety_stock?.default
              ? `${ruleSet.safety_stock.default} unit(s) of every item kept back from online orders at each node`
              : "No units kept back by default"}
            {perNode.length ? `; ${perNode.map(([id, n]) => `${nodeName(id)}: ${n}`).join(", ")}` : ""}.
          </Text>
        </div>
      </div>
    </>
  )
}
