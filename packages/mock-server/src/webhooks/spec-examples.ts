// A webhook's example payload from the spec's OpenAPI 3.1 `webhooks`, when the spec has one:
// the payload builders start from it and fall back to the envelope the provider documents.
import { follow, type Node } from '../pointers.js'

/** The first example of the JSON request body of webhook `name`, or undefined. */
export function webhookExample(document: Node, name: string): Record<string, unknown> | undefined {
  return webhookExamples(document, name)[0]
}

/** Every object example of the request body of webhook `name`, in the spec's order. */
export function webhookExamples(document: Node, name: string): Record<string, unknown>[] {
  const webhooks = document.webhooks as Node | undefined
  const item = follow(document, webhooks?.[name], '')?.node
  const operation = follow(document, item?.post, '')?.node
  const body = follow(document, operation?.requestBody, '')?.node
  const found: Record<string, unknown>[] = []
  for (const media of Object.values((body?.content as Node | undefined) ?? {})) {
    const located = follow(document, media, '')?.node
    if (!located) continue
    const candidates: unknown[] = [located.example]
    for (const entry of Object.values((located.examples as Node | undefined) ?? {})) {
      candidates.push(follow(document, entry, '')?.node.value)
    }
    const schema = follow(document, located.schema, '')?.node
    candidates.push(schema?.example, ...((schema?.examples as unknown[] | undefined) ?? []))
    for (const value of candidates) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        found.push(structuredClone(value) as Record<string, unknown>)
      }
    }
  }
  return found
}

/** The first example among `names` (in order) that the spec has. */
export function firstWebhookExample(document: Node, names: readonly string[]): Record<string, unknown> | undefined {
  for (const name of names) {
    const example = webhookExample(document, name)
    if (example) return example
  }
  return undefined
}

/** The schema of the request body of webhook `name` (its first media type), or undefined. */
export function webhookSchema(document: Node, name: string): Node | undefined {
  const webhooks = document.webhooks as Node | undefined
  const item = follow(document, webhooks?.[name], '')?.node
  const operation = follow(document, item?.post, '')?.node
  const body = follow(document, operation?.requestBody, '')?.node
  const [media] = Object.values((body?.content as Node | undefined) ?? {})
  return follow(document, follow(document, media, '')?.node.schema, '')?.node
}

/** The values the spec allows for field `field` of webhook `name`'s payload (its enum), or `fallback`. */
export function webhookFieldEnum(document: Node, name: string, field: string, fallback: readonly string[]): string[] {
  const schema = webhookSchema(document, name)
  const property = follow(document, (schema?.properties as Node | undefined)?.[field], '')?.node
  const values = property?.enum
  return Array.isArray(values) && values.every((value) => typeof value === 'string') ? values : [...fallback]
}
