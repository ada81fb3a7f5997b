import { ArrowDownMini, ArrowUpMini, Trash } from "@medusajs/icons"
import { Button, IconButton, Input, Label, Select, Switch, Text, Textarea } from "@medusajs/ui"
import { useState } from "react"
import type { NetworkNode } from "./api"
import { draftRule, isSimpleOptions, parseOptions, type Draft, type DraftRule } from "./draft"
import { KindBadge } from "./rule-set-summary"
import type { Strategy } from "./types"

type Props = {
  draft: Draft
  onChange: (update: (draft: Draft) => Draft) => void
  strategies: Strategy[]
  nodes: NetworkNode[]
}

/** The draft rule set: rules in order (move, add, remove, options), the split switch and the safety stock. */
export function RuleSetEditor({ draft, onChange, strategies, nodes }: Props) {
  const strategy = new Map(strategies.map((s) => [s.id, s]))
  const unused = strategies.filter((s) => !draft.rules.some((r) => r.id === s.id))
  const [adding, setAdding] = useState<string>("")

  const setRules = (update: (rules: DraftRule[]) => DraftRule[]) => onChange((d) => ({ ...d, rules: update(d.rules) }))
  const setRule = (key: string, update: (rule: DraftRule) => DraftRule) =>
    setRules((rules) => rules.map((r) => (r.key === key ? update(r) : r)))
  const move = (index: number, by: number) =>
    setRules((rules) => {
      const next = [...rules]
      const [rule] = next.splice(index, 1)
      next.splice(index + by, 0, rule)
      return next
    })

  return (
    <div className="divide-y">
      <div className="flex flex-col gap-y-2 px-6 py-4 sm:max-w-md">
        <Label htmlFor="routing-draft-version" size="small" weight="plus">
          Version name
        </Label>
        <Input
          id="routing-draft-version"
          size="small"
          value={draft.version}
          onChange={(e) => {
            const version = e.target.value
            onChange((d) => ({ ...d, version }))
          }}
        />
        <Text size="xsmall" className="text-ui-fg-subtle">
          Every decision records the version that made it: give each published rule set its own.
        </Text>
      </div>

      <ol aria-label="Draft rules" className="divide-y">
        {draft.rules.map((rule, index) => (
          <li key={rule.key} className="flex flex-col gap-y-2 px-6 py-3">
            <div className="flex items-start justify-between gap-x-3">
              <div className="flex min-w-0 flex-wrap items-center gap-2">
                <Text size="small" className="text-ui-fg-muted w-5">
                  {index + 1}
                </Text>
                <Text size="small" weight="plus" className="font-mono">
                  {rule.id}
                </Text>
                <KindBadge kind={strategy.get(rule.id)?.kind} />
              </div>
              <div className="flex shrink-0 items-center gap-x-1">
                <IconButton
                  size="small"
                  variant="transparent"
                  aria-label={`Move ${rule.id} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <ArrowUpMini />
                </IconButton>
                <IconButton
                  size="small"
                  variant="transparent"
                  aria-label={`Move ${rule.id} down`}
                  disabled={index === draft.rules.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <ArrowDownMini />
                </IconButton>
                <IconButton
                  size="small"
                  variant="transparent"
                  aria-label={`Remove ${rule.id}`}
                  onClick={() => setRules((rules) => rules.filter((r) => r.key !== rule.key))}
                >
                  <Trash />
                </IconButton>
              </div>
            </div>
            <Text size="small" className="text-ui-fg-subtle pl-7">
              {strategy.get(rule.id)?.description ?? "Not a registered strategy: publishing is refused until it is removed."}
            </Text>
            <div className="pl-7">
              <RuleOptions rule={rule} onChange={(update) => setRule(rule.key, update)} />
            </div>
          </li>
        ))}
      </ol>

      <div className="flex flex-col gap-2 px-6 py-4 sm:flex-row sm:items-center">
        {unused.length ? (
          <>
            <div className="w-full sm:w-72">
              <Select size="small" value={adding} onValueChange={setAdding}>
                <Select.Trigger aria-label="Rule to add">
                  <Select.Value placeholder="Choose a rule to add" />
                </Select.Trigger>
                <Select.Content>
                  {unused.map((s) => (
                    <Select.Item key={s.id} value={s.id}>
                      {s.id} ({s.kind})
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </div>
            <Button
              size="small"
              variant="secondary"
              disabled={!adding}
              onClick={() => {
                setRules((rules) => [...rules, draftRule(adding, adding === "store-within-radius" ? { radius_km: 80.47 } : undefined)])
                setAdding("")
              }}
            >
              Add rule
            </Button>
          </>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            Every rule is in the draft. Remove one to add it back elsewhere, or move it with the arrows.
          </Text>
        )}
      </div>

      <div className="flex items-start gap-x-3 px-6 py-4">
        <Switch
          id="routing-allow-split-line"
          checked={draft.allow_split_line}
          onCheckedChange={(checked) => onChange((d) => ({ ...d, allow_split_line: checked }))}
        />
        <div>
          <Label htmlFor="routing-allow-split-line" size="small" weight="plus">
            Split a line across nodes
          </Label>
          <Text size="small" className="text-ui-fg-subtle">
            When on, one line's units may come from two nodes (more parcels, fewer orders that cannot be sent).
          </Text>
        </div>
      </div>

      <SafetyStock draft={draft} onChange={onChange} nodes={nodes} />
    </div>
  )
}

function RuleOptions({ rule, onChange }: { rule: DraftRule; onChange: (update: (rule: DraftRule) => DraftRule) => void }) {
  if (rule.json !== null) {
    const parsed = parseOptions(rule.json)
    return (
      <div className="flex flex-col gap-y-1">
        <Label htmlFor={`${rule.key}-json`} size="xsmall" className="text-ui-fg-subtle">
          Options (JSON)
        </Label>
        <Textarea
          id={`${rule.key}-json`}
          rows={3}
          className="font-mono text-xs"
          value={rule.json}
          aria-invalid={!!parsed.error}
          onChange={(e) => {
            const json = e.target.value
            onChange((r) => ({ ...r, json }))
          }}
        />
        {parsed.error ? (
          <Text size="xsmall" className="text-ui-fg-error">
            {parsed.error}
          </Text>
        ) : (
          isSimpleOptions(parsed.options) && (
            <div>
              <button
                type="button"
                className="txt-compact-xsmall text-ui-fg-muted hover:text-ui-fg-subtle underline-offset-2 hover:underline"
                onClick={() => onChange((r) => ({ ...r, options: parsed.options, json: null }))}
              >
                Edit as fields
              </button>
            </div>
          )
        )}
      </div>
    )
  }
  const entries = Object.entries(rule.options ?? {})
  return (
    <div className="flex flex-col gap-y-2">
      {entries.map(([key, value]) => (
        <div key={key} className="flex flex-wrap items-center gap-2">
          <Label htmlFor={`${rule.key}-${key}`} size="xsmall" className="text-ui-fg-subtle w-28 font-mono">
            {key}
          </Label>
          {typeof value === "boolean" ? (
            <Switch
              id={`${rule.key}-${key}`}
              checked={value}
              onCheckedChange={(checked) => onChange((r) => ({ ...r, options: { ...r.options, [key]: checked } }))}
            />
          ) : (
            <Input
              id={`${rule.key}-${key}`}
              size="small"
              className="w-40"
              type={typeof value === "number" ? "number" : "text"}
              value={typeof value === "number" && Number.isNaN(value) ? "" : String(value)}
              onChange={(e) => {
                const text = e.target.value
                const next = typeof value === "number" ? (text.trim() === "" ? Number.NaN : Number(text)) : text
                onChange((r) => ({ ...r, options: { ...r.options, [key]: next } }))
              }}
            />
          )}
        </div>
      ))}
      <div>
        <button
          type="button"
          className="txt-compact-xsmall text-ui-fg-muted hover:text-ui-fg-subtle underline-offset-2 hover:underline"
          onClick={() => onChange((r) => ({ ...r, json: JSON.stringify(r.options ?? {}, null, 2) }))}
        >
          {entries.length ? "Edit as JSON" : "No options · add as JSON"}
        </button>
      </div>
    </div>
  )
}

function SafetyStock({ draft, onChange, nodes }: Omit<Props, "strategies">) {
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4">
      <div>
        <Text size="small" weight="plus">
          Safety stock
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          Units of every item kept back from online orders at a node, for its own counter. A node's own number replaces the default.
        </Text>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Label htmlFor="routing-safety-default" size="small" className="w-56">
          Default (every node)
        </Label>
        <Input
          id="routing-safety-default"
          size="small"
          type="number"
          min={0}
          className="w-28"
          placeholder="0"
          value={draft.safety_default}
          onChange={(e) => {
            const safety_default = e.target.value
            onChange((d) => ({ ...d, safety_default }))
          }}
        />
      </div>
      {nodes.map((node) => (
        <div key={node.id} className="flex flex-wrap items-center gap-2">
          <Label htmlFor={`routing-safety-${node.id}`} size="small" className="w-56">
            {node.name}
            <span className="text-ui-fg-muted"> · {node.kind}</span>
          </Label>
          <Input
            id={`routing-safety-${node.id}`}
            size="small"
            type="number"
            min={0}
            className="w-28"
            placeholder={draft.safety_default || "0"}
            value={draft.safety_nodes[node.id] ?? ""}
            onChange={(e) => {
              const text = e.target.value
              onChange((d) => {
                const safety_nodes = { ...d.safety_nodes, [node.id]: text }
                if (!text.trim()) {
                  delete safety_nodes[node.id]
                }
                return { ...d, safety_nodes }
              })
            }}
          />
        </div>
      ))}
      {Object.keys(draft.safety_nodes)
        .filter((id) => !nodes.some((n) => n.id === id))
        .map((id) => (
          <Text key={id} size="small" className="text-ui-fg-subtle">
            {id} (no longer a stock location): {draft.safety_nodes[id]}{" "}
            <Button
              size="small"
              variant="transparent"
              onClick={() =>
                onChange((d) => {
                  const safety_nodes = { ...d.safety_nodes }
                  delete safety_nodes[id]
                  return { ...d, safety_nodes }
                })
              }
            >
              Remove
            </Button>
          </Text>
        ))}
    </div>
  )
}
