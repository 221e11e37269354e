// Prism's own server reads only `application/json` and `*+json` bodies as JSON, so a vendor
// type such as TextUs's `application/vnd.textus+jsonld` reached its validator as a string.
// Any JSON-family type (json, +json, +jsonld, json-ld) is JSON here, both ways.

const JSON_FAMILY = /^application\/(?:json|ld\+json|[\w.+-]+\+json(?:ld)?|json-ld)$/i

/** The bare media type of a Content-Type header value, lower-cased. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined
}

export function isJsonFamily(contentType: string | undefined): boolean {
  const mediaType = mediaTypeOf(contentType)
  return mediaType !== undefined && JSON_FAMILY.test(mediaType)
}

/**
 * A request body as the validator should see it: parsed JSON for a JSON-family type,
 * otherwise the text. A body that claims JSON but does not parse stays text, so the
 * validator reports it as the wrong type instead of the mock failing.
 */
export function decodeBody(raw: string, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined
  if (!isJsonFamily(contentType)) return raw
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

/** The bytes to send for a generated or example body. */
export function encodeBody(body: unknown, contentType: string | undefined): string | undefined {
  if (body === undefined) return undefined
  if (typeof body === 'string' && !isJsonFamily(contentType)) return body
  return JSON.stringify(body)
}
