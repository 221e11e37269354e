// The defaults the docs state are the constants the code uses: the TSDoc `@default` of each
// option (read with the TypeScript compiler) and the README's figures.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RECONCILE_WINDOW_MS } from '../../src/adapters/quo.js'
import { DEFAULT_TIMEOUT_MS } from '../../src/core/messenger-options.js'
import { DEFAULT_RETRY } from '../../src/core/retry/policy.js'

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** `@default` of each member of each interface of a file: `Interface.member` → the tag's text. */
function documentedDefaults(file: string): Map<string, string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found = new Map<string, string>()
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return
    for (const member of node.members) {
      for (const tag of ts.getJSDocTags(member)) {
        if (tag.tagName.text !== 'default' || !member.name) continue
        found.set(`${node.name.text}.${member.name.getText(source)}`, ts.getTextOfJSDocComment(tag.comment) ?? '')
      }
    }
  })
  return found
}

/** A default written as a literal: a number (its first figure), a boolean, or an object of those. */
function literal(text: string): unknown {
  const json = text.trim().replace(/([{,]\s*)(\w+):/g, '$1"$2":')
  return JSON.parse(/^[{\dtf]/.test(json) ? (json.match(/^(\{.*\}|\d+|true|false)/)?.[0] ?? json) : json)
}

const docs = documentedDefaults(resolve(PACKAGE, 'src/core/types.ts'))

describe('documented defaults', () => {
  it('reads the TSDoc (a guard against a test that reads nothing)', () => {
    expect(docs.size).toBeGreaterThanOrEqual(8)
  })

  it('RetryOptions: each option says the default retry policy uses', () => {
    for (const [key, value] of Object.entries(DEFAULT_RETRY))
      expect(literal(docs.get(`RetryOptions.${key}`) ?? ''), key).toBe(value)
  })

  it("a messenger's retry and timeout defaults are the constants", () => {
    expect(literal(docs.get('CommonMessengerOptions.retry') ?? '')).toEqual(DEFAULT_RETRY)
    expect(literal(docs.get('CommonMessengerOptions.timeoutMs') ?? '')).toBe(DEFAULT_TIMEOUT_MS)
  })

  it("reconcile()'s window is the constant", () => {
    expect(literal(docs.get('ReconcileOptions.windowMs') ?? '')).toBe(DEFAULT_RECONCILE_WINDOW_MS)
  })

  it('the package README states the same retry and timeout defaults', () => {
    const readme = readFileSync(resolve(PACKAGE, 'README.md'), 'utf8')
    const retry = /Defaults: `retry: (\{[^`]+\})`/.exec(readme)?.[1]
    expect(retry && literal(retry)).toEqual(DEFAULT_RETRY)
    const timeout = /`timeoutMs` \(default ([\d\u00a0 ]+)\)/.exec(readme)?.[1]
    expect(Number(timeout?.replace(/\D/g, ''))).toBe(DEFAULT_TIMEOUT_MS)
  })
})
