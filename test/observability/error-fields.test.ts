// An error from an AWS service is logged by name, status and request id with its stack frames, never
// with its message; an error of our own code keeps its message and stack.
import { MessageRejected } from '@aws-sdk/client-ses';
import { errorLogFields } from '../../lib/observability/error-fields';

const address = 'jan.de.vries@example.nl';

it('logs an SES rejection without the message that names the recipient, stack first line included', () => {
  const error = new MessageRejected({
    message: `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${address}`,
    $metadata: { httpStatusCode: 400, requestId: 'abc-123' },
  });
  expect(error.stack).toContain(address);
  const fields = errorLogFields(error);
  expect(fields).toMatchObject({ name: 'MessageRejected', httpStatus: 400, awsRequestId: 'abc-123' });
  expect(fields).not.toHaveProperty('message');
  expect(JSON.stringify(fields)).not.toMatch(/@|example\.nl/);
  // The frames stay: an operator still sees where it was thrown.
  expect(typeof fields === 'object' && fields.stack).toMatch(/^\s+at /);
});

it('keeps the message and stack of an error in our own code', () => {
  const error = new TypeError("Cannot read properties of undefined (reading 'email')");
  expect(errorLogFields(error)).toMatchObject({ name: 'TypeError', message: error.message });
  expect(errorLogFields('thrown text')).toBe('unknown');
});
