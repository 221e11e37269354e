// The progress event: counts by state, the rate achieved since tracking began, and the time left.
import type { QueueCounts, QueueProgress } from './types.js'

export function trackProgress(
  counts: () => Promise<QueueCounts>,
  intervalMs: number,
  emit: (progress: QueueProgress) => void,
): { start(): void; stop(): void } {
  // A chain of timeouts rather than an interval: a slow count never overlaps the next one.
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let first: { at: number; ended: number } | undefined
  const schedule = () => {
    timer = setTimeout(tick, intervalMs)
    ;(timer as { unref?: () => void }).unref?.()
  }
  const tick = async () => {
    const now = await counts().catch(() => undefined)
    if (!running) return
    if (now) {
      const ended = now.sent + now.failed + now.unknown
      const at = Date.now()
      first ??= { at, ended }
      const elapsedMs = at - first.at
      const ratePerSecond = elapsedMs > 0 ? ((ended - first.ended) * 1000) / elapsedMs : 0
      const left = now.pending + now.active
      const etaMs = ratePerSecond > 0 ? Math.round((left / ratePerSecond) * 1000) : left === 0 ? 0 : undefined
      emit({ counts: now, ratePerSecond, etaMs, elapsedMs })
    }
    schedule()
  }
  return {
    start() {
      if (running) return
      running = true
      schedule()
    },
    stop() {
      running = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}

/** One line for a terminal: `1,204 sent · 3 failed · 1 unknown · 792 left · 99.8/s · ETA 8 s`. */
export function formatProgress(progress: QueueProgress): string {
  const { counts, ratePerSecond, etaMs } = progress
  const n = (value: number) => value.toLocaleString('en-US')
  const eta = etaMs === undefined ? '–' : `${Math.ceil(etaMs / 1000)} s`
  return `${n(counts.sent)} sent · ${n(counts.failed)} failed · ${n(counts.unknown)} unknown · ${n(counts.pending + counts.active)} left · ${ratePerSecond.toFixed(1)}/s · ETA ${eta}`
}
