export { countSegments } from './count-segments.js'
export type { CountSegmentsOptions, NonGsmCharacter, SegmentCount, SegmentPart, SmsEncoding } from './types.js'
