// The local recovery event bus: plays EventBridge's PutEvents (AWS JSON 1.1) for the functions'
// EventBridge client, keeps what was put in memory, and shows it at GET /local/events (newest last),
// so tests and people see what the login service and the SIEM would receive.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const LOCAL_EVENTBRIDGE_PATH = '/local/eventbridge';
export const LOCAL_EVENTS_PATH = '/local/events';
export const LOCAL_EVENT_BUS_NAME = 'mfa-recovery-local';

/** An event as EventBridge hands it to a rule's target. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

/**
 * Faults tests inject: `unavailable` answers every PutEvents with a 500 (the service is down, the SDK
 * throws); `refuseEntries` answers 200 with the entry failed (FailedEntryCount 1), as EventBridge does
 * under throttling.
 */
export type BusFault = 'unavailable' | 'refuseEntries' | undefined;

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Time?: number | string;
  EventBusName?: string;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((done, fail) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    request.on('error', fail);
  });

const answer = (
  response: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/x-amz-json-1.1',
) => {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

/** EventBridge's Time: epoch seconds from the SDK's JSON protocol, or an ISO string. */
const timeOf = (time: PutEventsEntry['Time']) =>
  new Date(typeof time === 'number' ? time * 1000 : (time ?? Date.now())).toISOString();

export class LocalEventBus {
  readonly events: BusEvent[] = [];
  fault: BusFault;

  constructor(private readonly options: { region: string; account: string; busName: string }) {}

  /** The API server's local route: true when the request was the bus's. */
  handle = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === LOCAL_EVENTS_PATH && request.method === 'GET') {
      answer(response, 200, { events: this.events }, 'application/json; charset=utf-8');
      return true;
    }
    if (!path?.startsWith(LOCAL_EVENTBRIDGE_PATH) || request.method !== 'POST') return false;
    const target = String(request.headers['x-amz-target'] ?? '');
    const body = await readBody(request);
    if (target !== 'AWSEvents.PutEvents') {
      answer(response, 400, {
        __type: 'UnknownOperationException',
        message: `${target} is not played locally`,
      });
      return true;
    }
    if (this.fault === 'unavailable') {
      answer(response, 500, { __type: 'InternalException', message: 'local event bus: injected outage' });
      return true;
    }
    const entries = (JSON.parse(body) as { Entries?: PutEventsEntry[] }).Entries ?? [];
    if (this.fault === 'refuseEntries') {
      answer(response, 200, {
        FailedEntryCount: entries.length,
        Entries: entries.map(() => ({ ErrorCode: 'ThrottlingException', ErrorMessage: 'injected' })),
      });
      return true;
    }
    const results = entries.map((entry) => {
      if (entry.EventBusName !== this.options.busName)
        return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `no bus ${entry.EventBusName ?? ''}` };
      const id = randomUUID();
      this.events.push({
        version: '0',
        id,
        'detail-type': entry.DetailType ?? '',
        source: entry.Source ?? '',
        account: this.options.account,
        time: timeOf(entry.Time),
        region: this.options.region,
        resources: [],
        detail: JSON.parse(entry.Detail ?? '{}') as unknown,
      });
      return { EventId: id };
    });
    answer(response, 200, {
      FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
      Entries: results,
    });
    return true;
  };
}
