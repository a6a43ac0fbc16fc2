// Who may read a verification session (its checks, the agent's free-text notes included) and print its
// case record: the agent who ran it, admins and security officers (docs/privacy.md). Another agent
// handles their own callers; a colleague's notes on someone else's caller are not theirs to read.
// Pure, so the console shows the print link by the same rule the API enforces.
import { forbidden } from '../errors';
import type { StaffGroup } from '../staff/groups';
import type { VerificationItem } from './verification';

export interface SessionReader {
  id: string;
  groups: readonly StaffGroup[];
}

export const maySeeSession = (verification: Pick<VerificationItem, 'agentId'>, reader: SessionReader) =>
  verification.agentId === reader.id || reader.groups.includes('admin') || reader.groups.includes('security');

export const assertMaySeeSession = (
  verification: Pick<VerificationItem, 'agentId'>,
  reader: SessionReader,
) => {
  if (!maySeeSession(verification, reader))
    throw forbidden(
      'VERIFICATION_OF_ANOTHER_AGENT',
      "This verification is another agent's: only its agent, admins and security officers may read it or print its case record.",
    );
};
