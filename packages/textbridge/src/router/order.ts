// The order a send tries the providers in, by strategy. `peek` tells it without taking a turn
// (for preview); `next` takes one (round-robin moves on).
import type { Strategy } from './types.js'

export interface Order {
  next(): number[]
  peek(): number[]
}

/** The order maker of a strategy over `providers`; a bad strategy is a TypeError. */
export function orderFor(strategy: Strategy, providers: readonly string[], random: () => number): Order {
  const all = providers.map((_, index) => index)
  if (strategy === 'failover') return { next: () => all, peek: () => all }
  if (strategy === 'round-robin') {
    let turn = 0
    const from = (start: number) => all.map((index) => (index + start) % all.length)
    return {
      next: () => from(turn++ % all.length),
      peek: () => from(turn % all.length),
    }
  }
  const weights = checkedWeights(strategy, providers)
  const draw = () => weightedOrder(weights, random)
  return { next: draw, peek: draw }
}

function checkedWeights(strategy: unknown, providers: readonly string[]): number[] {
  const where = 'createRouter: option "strategy"'
  const given = (strategy as { weights?: unknown } | null)?.weights
  if (typeof strategy !== 'object' || strategy === null || typeof given !== 'object' || given === null) {
    throw new TypeError(`${where} must be 'failover', 'round-robin' or { weights: { <provider>: <number> } }.`)
  }
  const extra = Object.keys(given).filter((name) => !providers.includes(name))
  if (extra.length > 0) throw new TypeError(`${where}: no messenger for ${extra.map((n) => `'${n}'`).join(', ')}.`)
  const weights = providers.map((provider) => (given as Record<string, unknown>)[provider])
  const bad = providers.filter((_, index) => {
    const weight = weights[index]
    return typeof weight !== 'number' || !(weight >= 0) || !Number.isFinite(weight)
  })
  if (bad.length > 0) {
    throw new TypeError(`${where}: each provider needs a weight ≥ 0 (${bad.map((n) => `'${n}'`).join(', ')}).`)
  }
  if (!weights.some((weight) => (weight as number) > 0))
    throw new TypeError(`${where}: at least one weight must be > 0.`)
  return weights as number[]
}

/** Providers drawn by weight without replacement; weight 0 last, in the given order. */
function weightedOrder(weights: readonly number[], random: () => number): number[] {
  const left = weights.map((weight, index) => ({ weight, index })).filter((entry) => entry.weight > 0)
  const order: number[] = []
  while (left.length > 0) {
    const total = left.reduce((sum, entry) => sum + entry.weight, 0)
    let at = random() * total
    let pick = left.length - 1
    for (let i = 0; i < left.length; i++) {
      at -= (left[i] as { weight: number }).weight
      if (at < 0) {
        pick = i
        break
      }
    }
    order.push((left[pick] as { index: number }).index)
    left.splice(pick, 1)
  }
  for (const [index, weight] of weights.entries()) if (weight === 0) order.push(index)
  return order
}
