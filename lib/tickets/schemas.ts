// Input schema of an enrollment ticket in request bodies; what it refers to is judged by lib/tickets.
import * as z from '../schema';

/** Any string up to 128 characters: a malformed ticket is simply unknown (404 TICKET_UNKNOWN), not a 400. */
export const ticketSchema = z.string().check(z.minLength(1), z.maxLength(128));
