// The EventBridge client, created once per container; locally it talks to the API server's local bus
// (local/event-bus.ts). One entry per call: the publisher settles each event's marker on its own answer.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { config } from '../config';

let client: EventBridgeClient | undefined;

export const eventBridge = (): EventBridgeClient => {
  if (!client) {
    const { region, endpoints } = config();
    client = new EventBridgeClient({
      region,
      ...(endpoints.eventBridge
        ? { endpoint: endpoints.eventBridge, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
      maxAttempts: 2,
    });
  }
  return client;
};

/** Closes the client's sockets; the local stack calls this when it stops. */
export const closeEventBridge = () => {
  client?.destroy();
  client = undefined;
};

/** PutEvents answered 200 but refused the entry (throttled, internal failure): nothing was published. */
export class EventEntryRefused extends Error {
  constructor(readonly code: string) {
    super(`EventBridge refused the entry: ${code}`);
    this.name = 'EventEntryRefused';
  }
}

export interface BusEntry {
  source: string;
  detailType: string;
  detail: unknown;
  time: Date;
}

/** Puts one event on the configured bus; answers EventBridge's id for it, or throws. */
export const putEvent = async (entry: BusEntry): Promise<string> => {
  const busName = config().eventBusName;
  if (!busName) throw new Error('EVENT_BUS_NAME is not set: this function may not publish events');
  const result = await eventBridge().send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: busName,
          Source: entry.source,
          DetailType: entry.detailType,
          Detail: JSON.stringify(entry.detail),
          Time: entry.time,
        },
      ],
    }),
  );
  const [answer] = result.Entries ?? [];
  // PutEvents reports a refused entry in the answer, not as an error (FailedEntryCount).
  if ((result.FailedEntryCount ?? 0) > 0 || !answer?.EventId)
    throw new EventEntryRefused(answer?.ErrorCode ?? 'NO_EVENT_ID');
  return answer.EventId;
};
