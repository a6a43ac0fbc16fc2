// How Lambda feeds the event publisher from the AuditEvents stream: plain data for the route table
// (CDK and the local poller), the same retries as the notifier beside it on that stream.
import { notifierStreamSource } from '../notify/stream-settings';

export const eventPublisherStreamSource = { ...notifierStreamSource } as const;
