// Reading an answer's body whole, up to a cap: a bigger one is refused, not buffered.
import { raceAbort } from '../abort.js'

/** Answers are read up to this size. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024

/** The answer's body is larger than MAX_ANSWER_BYTES. */
export class TooLarge extends Error {
  override name = 'TooLarge'
  constructor(readonly status: number) {
    super(`the body is larger than ${MAX_ANSWER_BYTES} bytes`)
  }
}

/** The body as text, refusing it past MAX_ANSWER_BYTES instead of holding it all. */
export async function readCapped(response: Response, abort: Promise<never>): Promise<string> {
  if (Number(response.headers.get('content-length')) > MAX_ANSWER_BYTES) {
    await response.body?.cancel().catch(() => undefined)
    throw new TooLarge(response.status)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let size = 0
  for (;;) {
    const { done, value } = await raceAbort(reader.read(), abort, () => reader.cancel().catch(() => undefined))
    if (done) return text + decoder.decode()
    size += value.byteLength
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined)
      throw new TooLarge(response.status)
    }
    text += decoder.decode(value, { stream: true })
  }
}

export function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
