// Removing secrets from anything we show: error messages and bodies, retry events, previews,
// and (later) webhook and queue logs. Every form a secret can take in an echoed request counts.

/**
 * A redactor for a set of secrets: each is removed as written, JSON-escaped and URL-encoded,
 * and an `Authorization` value (`Basic …`, `Bearer …`) also by its credential part, so an
 * error body that echoes the request's headers gives nothing away.
 */
export function redactor(secrets: readonly unknown[]): (text: string) => string {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (typeof secret !== 'string') continue
    const scheme = /^(?:Basic|Bearer) (.+)$/.exec(secret)
    for (const form of scheme ? [secret, scheme[1] as string] : [secret]) {
      if (form.length < 4) continue
      forms.add(form)
      forms.add(JSON.stringify(form).slice(1, -1))
      forms.add(encodeURIComponent(form))
    }
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length)
  return (text) => {
    let result = text
    for (const form of ordered) if (result.includes(form)) result = result.split(form).join('[REDACTED]')
    return result
  }
}
