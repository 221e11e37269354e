// Drafted overlay actions: printed for review, or (--apply-drafts) added to an overlay file.
import { parse, stringify } from 'yaml'
import { UserError } from './specs.mjs'

/** Actions as YAML, as they would sit in an overlay's `actions` list. */
export function renderDrafts(actions) {
  return stringify(actions.map(ordered), { lineWidth: 96 })
}

/** Description first in each action, as in the hand-written overlays. */
function ordered({ target, description, ...rest }) {
  return { target, description, ...rest }
}

/**
 * The overlay's text with `actions` added at the end of its list. The text already there is
 * kept as it is (its comments and folding too); the result must read back as the old actions
 * followed by the new ones.
 */
export function appendActions(overlayText, actions, overlayName) {
  if (actions.length === 0) return overlayText
  const before = parse(overlayText)
  if (!before || !Array.isArray(before.actions)) {
    throw new UserError(`${overlayName} is not an OpenAPI Overlay document (no "actions" list)`)
  }
  const items = renderDrafts(actions)
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n')
  const emptyList = /^actions:[ \t]*\[\][ \t]*$/m
  const text = emptyList.test(overlayText)
    ? overlayText.replace(emptyList, `actions:\n${items}`)
    : `${overlayText.replace(/\n*$/, '\n')}${items}\n`
  let after
  try {
    after = parse(text)
  } catch {
    after = undefined
  }
  const expected = [...before.actions, ...actions.map(ordered)]
  if (JSON.stringify(after?.actions) !== JSON.stringify(expected)) {
    throw new UserError(
      `${overlayName}: its "actions" list is not the last part of the file, so the drafted actions cannot be ` +
        'appended to it; add them by hand (printed above)',
    )
  }
  return text
}
