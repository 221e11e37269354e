// Whether a send went out, for a job whose worker died mid-send: where the messenger can list
// messages (Quo), the conversation since shortly before the send is searched for an outgoing
// message with the same recipients and text, as the adapter's own reconcile() does.
import type { CallOptions } from '../core/types.js'
import type { QueueMessenger } from './types.js'

type Found = { outcome: 'sent'; message: unknown } | { outcome: 'not-found' } | { outcome: 'unknown'; error: unknown }

interface Listed {
  direction: string
  text: string
  to: string[]
}

type Lister = {
  list(
    query: { participants: string[]; createdAfter: Date },
    options: CallOptions & { maxResults?: number; limit?: number },
  ): AsyncIterable<Listed>
}

/** True when this messenger can look its messages up. */
export function canReconcile(messenger: QueueMessenger): boolean {
  return messenger.capabilities.list === true && typeof (messenger as unknown as Partial<Lister>).list === 'function'
}

export async function reconcileInput(
  messenger: QueueMessenger,
  input: unknown,
  since: number,
  signal?: AbortSignal,
): Promise<Found> {
  const { to, text } = (input ?? {}) as { to?: unknown; text?: unknown }
  const recipients = Array.isArray(to) ? (to as string[]) : [to as string]
  if (recipients.some((r) => typeof r !== 'string') || typeof text !== 'string') {
    return { outcome: 'unknown', error: new TypeError('the input has no recipients and text to look for') }
  }
  try {
    const listed = (messenger as unknown as Lister).list(
      { participants: recipients, createdAfter: new Date(since) },
      { maxResults: 100, limit: 1000, retry: { retries: 2 }, ...(signal ? { signal } : {}) },
    )
    for await (const message of listed) {
      const same = message.to.length === recipients.length && recipients.every((r) => message.to.includes(r))
      if (message.direction === 'outbound' && message.text === text && same) return { outcome: 'sent', message }
    }
    return { outcome: 'not-found' }
  } catch (error) {
    return { outcome: 'unknown', error }
  }
}
