// Per-call timing with tinybench: every way of every operation in one Bench per round, the
// order rotated each round (interleaved), a warm-up before each task, samples kept across rounds.
import { Bench } from 'tinybench'

/**
 * @param {{ id: string, fn: () => Promise<unknown> }[]} tasks
 * @param {{ rounds: number, time: number, warmupTime: number, iterations: number, warmupIterations: number }} budget
 *   times in ms per task and round, and the fewest runs of a task in each
 * @returns {Promise<Map<string, { samples: number, opsPerSecond: number, meanMs: number, p50Ms: number, p99Ms: number }>>}
 */
export async function timeCalls(tasks, { rounds, time, warmupTime, iterations, warmupIterations }) {
  const samples = new Map(tasks.map((task) => [task.id, []]))
  for (let round = 0; round < rounds; round++) {
    const shift = Math.floor((round * tasks.length) / rounds)
    const order = [...tasks.slice(shift), ...tasks.slice(0, shift)]
    const bench = new Bench({
      time,
      warmupTime,
      iterations,
      warmupIterations,
      warmup: true,
      retainSamples: true,
      throws: true,
    })
    for (const task of order) bench.add(task.id, task.fn)
    await bench.run()
    for (const task of bench.tasks) {
      const result = task.result
      if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state} ${result.error ?? ''}`)
      // One by one: a fast task leaves more samples than a spread's arguments may hold.
      const list = samples.get(task.name)
      for (const sample of result.latency.samples) list.push(sample)
    }
  }
  const stats = new Map()
  for (const [id, list] of samples) {
    const sorted = Float64Array.from(list).sort()
    const meanMs = sorted.reduce((sum, value) => sum + value, 0) / sorted.length
    stats.set(id, {
      samples: sorted.length,
      opsPerSecond: 1000 / meanMs,
      meanMs,
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
    })
  }
  return stats
}

function quantile(sorted, q) {
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low)
}
