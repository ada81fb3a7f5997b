import { Button, Heading, Input, Label, Text } from "@medusajs/ui"
import React, { useState } from "react"
import { usePos } from "../state"

export function SignIn() {
  const { signIn } = usePos()
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(e: React.FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn(email.trim(), password)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="flex min-h-full items-center justify-center p-4">
      <form onSubmit={submit} className="bg-ui-bg-base shadow-elevation-card-rest flex w-full max-w-sm flex-col gap-4 rounded-xl p-6">
        <div>
          <Heading level="h1">Point of sale</Heading>
          <Text className="text-ui-fg-subtle mt-1">Sign in with your store staff login.</Text>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="email">Email</Label>
          <Input
            id="email"
            type="email"
            autoComplete="username"
            size="base"
            className="h-11"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoFocus
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="password">Password</Label>
          <Input
            id="password"
            type="password"
            autoComplete="current-password"
            className="h-11"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        {error && (
          <Text role="alert" className="text-ui-fg-error" data-testid="sign-in-error">
            {error}
          </Text>
        )}
        <Button type="submit" size="xlarge" isLoading={busy} className="pos-target w-full">
          Sign in
        </Button>
      </form>
    </main>
  )
}
