import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Alert, Badge, Button, Container, Heading, Input, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useRef, useState } from "react"
import { routingRulesKey, saveRoutingRules, simulateRouting, useNetworkNodes, useRoutingRules } from "../../../components/routing/api"
import { fromDraft, sameRules, toDraft, type Draft } from "../../../components/routing/draft"
import { errorMessage } from "../../../components/routing/format"
import { RuleSetEditor } from "../../../components/routing/rule-set-editor"
import { RuleSetSummary } from "../../../components/routing/rule-set-summary"
import { SimulationComparison } from "../../../components/routing/simulation-comparison"
import type { RoutingRules, RuleSet, Simulation } from "../../../components/routing/types"

type Comparison = { inForce: Simulation; draft: Simulation; ruleSet: RuleSet }

const RoutingPage = () => {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const rules = useRoutingRules()
  const network = useNetworkNodes()
  const [draft, setDraft] = useState<Draft | null>(null)
  const [last, setLast] = useState("50")
  const [comparison, setComparison] = useState<Comparison | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const top = useRef<HTMLDivElement>(null)
  const results = useRef<HTMLDivElement>(null)

  // the comparison appears below the long draft: bring it into view
  useEffect(() => {
    if (comparison) {
      results.current?.scrollIntoView({ behavior: "smooth", block: "start" })
    }
  }, [comparison])

  const inForce = rules.data?.rule_set
  // a fresh draft from the rules in force when they load or change (after publishing)
  useEffect(() => {
    if (inForce) {
      setDraft(toDraft(inForce))
    }
  }, [inForce])

  const nodeName = useMemo(() => {
    const names = new Map<string, string>()
    for (const l of [...(comparison?.inForce.node_load ?? []), ...(comparison?.draft.node_load ?? [])]) {
      names.set(l.node_id, l.name)
    }
    for (const n of network.data ?? []) {
      names.set(n.id, n.name)
    }
    return (id: string) => names.get(id) ?? id
  }, [network.data, comparison])

  const checked = draft ? fromDraft(draft, nodeName) : null

  const simulate = useMutation({
    mutationFn: async ({ ruleSet, orders }: { ruleSet: RuleSet; orders: number }) => {
      // the draft replays exactly the orders the rules in force replayed: one routed in between changes neither side
      const now = await simulateRouting({ last: orders })
      const next = now.order_ids.length ? await simulateRouting({ order_ids: now.order_ids, rule_set: ruleSet }) : await simulateRouting({ last: orders, rule_set: ruleSet })
      return { inForce: now, draft: next, ruleSet }
    },
    onSuccess: (result) => {
      setProblem(null)
      setComparison(result)
    },
    onError: (error) => setProblem(errorMessage(error)),
  })

  const save = useMutation({
    mutationFn: saveRoutingRules,
    onSuccess: (saved: RoutingRules, sent) => {
      setProblem(null)
      setComparison(null)
      queryClient.setQueryData(routingRulesKey, saved)
      top.current?.scrollIntoView({ behavior: "smooth", block: "start" })
      toast.success(sent ? `Rule set ${saved.rule_set.version} is in force` : `Back to the plugin's default rule set (${saved.rule_set.version})`)
    },
    onError: (error) => {
      // the header's action has its answer near the draft's buttons too: say it where the manager looks
      toast.error(errorMessage(error))
      setProblem(errorMessage(error))
    },
  })

  const orders = Number(last)
  const lastError = !Number.isInteger(orders) || orders < 1 || orders > 500 ? "Simulate 1 to 500 of the last orders" : null

  const onSimulate = () => {
    if (!checked?.rule_set || lastError) {
      return
    }
    simulate.mutate({ ruleSet: checked.rule_set, orders })
  }

  const onPublish = async () => {
    if (!checked?.rule_set) {
      return
    }
    const untested = !comparison || JSON.stringify(comparison.ruleSet) !== JSON.stringify(checked.rule_set)
    const confirmed = await prompt({
      title: `Publish rule set ${checked.rule_set.version}?`,
      description: `Every online order routed from now on uses these ${checked.rule_set.rules.length} rules. The change is written to the audit log.${
        untested ? " This draft has not been simulated as it stands." : ""
      }`,
      confirmText: "Publish",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (confirmed) {
      save.mutate(checked.rule_set)
    }
  }

  const onDefault = async () => {
    const confirmed = await prompt({
      title: "Go back to the plugin's default?",
      description:
        "The saved rule set is removed and routing uses the rules of the plugin's configuration (its routing option, else the built-in default) from the next order on. Audited.",
      confirmText: "Go back to the default",
      cancelText: "Cancel",
    })
    if (confirmed) {
      save.mutate(null)
    }
  }

  if (rules.isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text>Loading the routing rules…</Text>
      </Container>
    )
  }
  if (rules.error || !rules.data) {
    return (
      <Container className="px-6 py-4">
        <Text className="text-ui-fg-error">Could not load the routing rules: {errorMessage(rules.error)}</Text>
      </Container>
    )
  }

  const { rule_set, strategies } = rules.data
  const stale = comparison && checked?.rule_set && JSON.stringify(comparison.ruleSet) !== JSON.stringify(checked.rule_set)
  const unchanged = checked?.rule_set ? sameRules(checked.rule_set, rule_set) : false

  return (
    <div className="flex flex-col gap-y-3" ref={top}>
      <Container className="divide-y p-0">
        <div className="flex flex-col gap-3 px-6 py-4 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <Heading level="h1">Routing</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              How online orders are placed across the stores and the warehouse: filters drop nodes, rankers order the rest.
            </Text>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Text size="small" className="text-ui-fg-subtle">
              In force:
            </Text>
            <Badge size="small" color="green" aria-label="Version in force">
              {rule_set.version}
            </Badge>
            <Button size="small" variant="secondary" onClick={onDefault} isLoading={save.isPending && save.variables === null}>
              Go back to the plugin's default
            </Button>
          </div>
        </div>
        <RuleSetSummary ruleSet={rule_set} strategies={strategies} nodeName={nodeName} />
      </Container>

      <Container className="divide-y p-0">
        <div className="flex flex-col gap-3 px-6 py-4 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <Heading level="h2">Draft</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Change the rules here, try them on recent orders, then publish. Nothing changes until you publish.
            </Text>
          </div>
          <Button size="small" variant="secondary" onClick={() => setDraft(toDraft(rule_set))}>
            Reset draft
          </Button>
        </div>
        {draft && (
          <RuleSetEditor draft={draft} onChange={(update) => setDraft((d) => (d ? update(d) : d))} strategies={strategies} nodes={network.data ?? []} />
        )}
        {network.error && (
          <Text size="small" className="text-ui-fg-error px-6 py-4">
            Could not load the stores and stock locations: {errorMessage(network.error)}
          </Text>
        )}
        <div className="bg-ui-bg-base sticky bottom-0 z-10 flex flex-col gap-3 rounded-b-lg px-6 py-4">
          {checked?.errors.length ? (
            <Alert variant="error" role="alert">
              <ul className="list-inside list-disc">
                {checked.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {problem && (
            <Alert variant="error" dismissible role="alert">
              {problem}
            </Alert>
          )}
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div className="flex flex-wrap items-end gap-2">
              <div className="flex flex-col gap-y-1">
                <Label htmlFor="routing-simulate-last" size="xsmall" className="text-ui-fg-subtle">
                  Last orders to replay
                </Label>
                <Input
                  id="routing-simulate-last"
                  size="small"
                  type="number"
                  min={1}
                  max={500}
                  className="w-24"
                  value={last}
                  onChange={(e) => setLast(e.target.value)}
                />
              </div>
              <Button
                size="small"
                variant="secondary"
                onClick={onSimulate}
                disabled={!checked?.rule_set || !!lastError}
                isLoading={simulate.isPending}
              >
                Simulate
              </Button>
            </div>
            <div className="flex items-center gap-3">
              {unchanged && (
                <Text size="xsmall" className="text-ui-fg-subtle hidden max-w-xs text-right md:block">
                  The draft's rules are those in force (only the version name would change).
                </Text>
              )}
              <Button
                size="small"
                onClick={onPublish}
                disabled={!checked?.rule_set || save.isPending}
                isLoading={save.isPending && save.variables !== null}
              >
                Publish
              </Button>
            </div>
          </div>
          {lastError && (
            <Text size="xsmall" className="text-ui-fg-error">
              {lastError}
            </Text>
          )}
        </div>
      </Container>

      {comparison && (
        <Container className="scroll-mt-4 divide-y p-0" ref={results}>
          <div className="flex flex-col gap-2 px-6 py-4">
            <Heading level="h2">Simulation: rules in force against the draft</Heading>
            {stale && (
              <Text size="small" className="text-ui-fg-error">
                The draft changed since this simulation: simulate again to see its effect.
              </Text>
            )}
          </div>
          {comparison.inForce.orders === 0 ? (
            <Text size="small" className="text-ui-fg-subtle px-6 py-4">
              No routed orders to replay yet: the simulator replays online orders the plugin has routed.
            </Text>
          ) : (
            <SimulationComparison inForce={comparison.inForce} draft={comparison.draft} nodeName={nodeName} />
          )}
        </Container>
      )}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Routing",
})

export default RoutingPage
