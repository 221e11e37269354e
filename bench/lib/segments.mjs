// Segment counting: countSegments (textbridge/segments) against Twilio's calculator
// (sms-segments-calculator), on the same texts of 160 and 1,600 characters, GSM-7 and UCS-2.
import { SegmentedMessage } from 'sms-segments-calculator'
import { countSegments } from 'textbridge/segments'
import { timeCalls } from './per-call.mjs'

const GSM = 'Your order #4821 has shipped and will arrive on Friday. Reply STOP to opt out. '
const UCS2 = 'Your order “4821” has shipped 📦 and arrives Friday — reply STOP to opt out. '

/** What is timed: a text of each kind and length, cut to exactly that many UTF-16 code units. */
export const TEXTS = [
  { name: 'GSM-7, 160 characters', text: GSM.repeat(3).slice(0, 160) },
  { name: 'GSM-7, 1,600 characters', text: GSM.repeat(21).slice(0, 1600) },
  { name: 'UCS-2, 160 characters', text: UCS2.repeat(3).slice(0, 160) },
  { name: 'UCS-2, 1,600 characters', text: UCS2.repeat(21).slice(0, 1600) },
]

export const WAYS = ['countSegments', 'sms-segments-calculator']

/**
 * @param {{ rounds: number, time: number, warmupTime: number, iterations: number, warmupIterations: number }} budget  times in ms per task and round
 * @returns {Promise<{ text: string, way: string, samples: number, opsPerSecond: number, p50Ms: number, p99Ms: number, ratio: number }[]>}
 *   `ratio`: how many times faster than the calculator (its median time ÷ this way's)
 */
export async function timeSegments(budget) {
  const tasks = []
  for (const { name, text } of TEXTS) {
    const ours = countSegments(text)
    const theirs = new SegmentedMessage(text)
    // The two must agree on what they count before their speed means anything.
    if (ours.segments !== theirs.segmentsCount || ours.encoding !== theirs.encodingName) {
      throw new Error(
        `${name}: countSegments says ${ours.segments} ${ours.encoding}, the calculator ${theirs.segmentsCount} ${theirs.encodingName}`,
      )
    }
    tasks.push({ id: `${name}|countSegments`, text: name, way: 'countSegments', fn: () => countSegments(text) })
    tasks.push({
      id: `${name}|sms-segments-calculator`,
      text: name,
      way: 'sms-segments-calculator',
      fn: () => new SegmentedMessage(text),
    })
  }
  const stats = await timeCalls(tasks, budget)
  return tasks.map(({ id, text, way }) => {
    const row = stats.get(id)
    const calculator = stats.get(`${text}|sms-segments-calculator`)
    return { text, way, ...row, ratio: calculator.p50Ms / row.p50Ms }
  })
}
