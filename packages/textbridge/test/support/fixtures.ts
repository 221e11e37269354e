// Messengers and provider answers shared by the facade's tests.
import { createMessenger, type Messenger, type MessengerOptions, type Provider } from '../../src/index.js'

export const CANARY = {
  quo: 'quo-canary-key-7f3a9c',
  signalwire: 'sw-canary-token-51be2d',
  textus: 'textus-canary-token-c08e4f',
} as const

export const FROM = '+15555550100'
export const TO = '+15555550123'

/** A messenger of each provider against `baseUrl`, with canary credentials. */
export function messengerFor(provider: Provider, baseUrl: string, extra: Record<string, unknown> = {}): Messenger {
  const options: Record<Provider, MessengerOptions> = {
    quo: { provider: 'quo', apiKey: CANARY.quo, from: FROM, phoneNumberId: 'PN123abc', baseUrl },
    signalwire: { provider: 'signalwire', projectId: 'project-1', apiToken: CANARY.signalwire, from: FROM, baseUrl },
    textus: { provider: 'textus', token: CANARY.textus, account: 'my_account', baseUrl },
  }
  return createMessenger({ ...options[provider], ...extra } as MessengerOptions)
}

/** A message object of each provider, as its spec documents it. */
export const RAW_MESSAGE = {
  quo: {
    id: 'AC123abc',
    to: [TO],
    from: FROM,
    text: 'Hello',
    phoneNumberId: 'PN123abc',
    conversationId: 'CN123abc',
    direction: 'outgoing',
    userId: 'US123abc',
    status: 'sent',
    createdAt: '2026-01-02T03:04:05Z',
    updatedAt: '2026-01-02T03:04:05Z',
  },
  signalwire: {
    id: '497f6eca-6276-4993-bfeb-53cbbbba6f08',
    from: FROM,
    to: TO,
    body: 'Hello',
    status: 'queued',
    direction: 'outbound',
    kind: 'sms',
    media: [],
    number_of_segments: 1,
    error_code: null,
    error_message: null,
    created_at: '2026-01-02T03:04:05Z',
    project_id: '0b5d1f0c-7f4e-4a69-9a53-2a2b7d4a1e10',
    status_callback_url: null,
    message_uri: '/api/messaging/logs/497f6eca-6276-4993-bfeb-53cbbbba6f08',
  },
  textus: {
    '@type': 'Message',
    id: '/messages/QNDkpL',
    '@context': '/contexts/Message.jsonld',
    direction: 'out',
    body: 'Hello',
    formattedBody: '<div>Hello</div>',
    displayTimestamp: '2026-01-02T03:04:05.000Z',
    timelinePosition: '2026-01-02T03:04:05.000Z',
    deliveryState: 'delivered',
    conversation: '/conversations/kY1QwY',
    sender: '/users/hikvlD',
    attachments: {
      '@context': '/contexts/hydra:Collection.jsonld',
      '@type': 'hydra:Collection',
      id: '/x',
      members: [],
      totalItems: 0,
    },
    friendlyStateDescription: 'Message Delivered',
    retryAllowed: false,
    retry: null,
    latestEventAt: '2026-01-02T03:04:05.000Z',
    flags: [],
    source: 'textus',
  },
} as const

/** The success body a provider answers a send with. */
export function sendAnswer(provider: Provider): { status: number; body: unknown } {
  if (provider === 'quo') return { status: 202, body: { data: RAW_MESSAGE.quo } }
  return { status: 201, body: RAW_MESSAGE[provider] }
}
