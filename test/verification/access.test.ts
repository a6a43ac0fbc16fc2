// Who may read a session and print its case record: the rule the API enforces and the console shows.
import { isDomainError } from '../../lib/errors';
import { assertMaySeeSession, maySeeSession } from '../../lib/verification/access';

const session = { agentId: 'agent-bram' };

describe('who may see a verification session', () => {
  it('its own agent, any admin and any security officer', () => {
    expect(maySeeSession(session, { id: 'agent-bram', groups: ['helpdesk'] })).toBe(true);
    expect(maySeeSession(session, { id: 'admin-anna', groups: ['admin'] })).toBe(true);
    expect(maySeeSession(session, { id: 'sec-sara', groups: ['security'] })).toBe(true);
  });

  it('not another agent, nor someone with no group, whatever their id looks like', () => {
    for (const reader of [
      { id: 'agent-carla', groups: ['helpdesk'] as const },
      { id: 'agent-bram ', groups: ['helpdesk'] as const },
      { id: 'AGENT-BRAM', groups: ['helpdesk'] as const },
      { id: 'admin-anna', groups: [] as const },
    ])
      expect(maySeeSession(session, reader)).toBe(false);
    try {
      assertMaySeeSession(session, { id: 'agent-carla', groups: ['helpdesk'] });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isDomainError(error) && [error.kind, error.code]).toEqual([
        'Forbidden',
        'VERIFICATION_OF_ANOTHER_AGENT',
      ]);
    }
  });
});
