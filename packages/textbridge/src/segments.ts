// textbridge/segments: what a text costs as SMS (GSM-7 or UCS-2, segments), on its own.
export * from './segments/index.js'
