/** A copy of `base` with `over`'s fields on top, objects merged through, arrays and values replaced. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? structuredClone(base) : structuredClone(over)
  const merged: Record<string, unknown> = structuredClone(base)
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue
    merged[key] = key in merged ? deepMerge(merged[key], value) : structuredClone(value)
  }
  return merged
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
