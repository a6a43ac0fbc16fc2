// What a log line says about an error. An AWS service's message can quote what it was sent (SES names
// the recipient: `MessageRejected: … <address>`), so an error from an AWS service is logged by its
// name, HTTP status and AWS request id, with the stack's frames but not its first line (which repeats
// the message). Errors of our own code keep their message and stack.
import { sourceMappedStack } from './stack-trace';

export interface ErrorLogFields {
  name: string;
  message?: string;
  httpStatus?: number;
  awsRequestId?: string;
  stack?: string;
}

/** A service error's name is its error code; anything that is not a plain token is not passed on. */
const token = (text: unknown, fallback: string) =>
  typeof text === 'string' && /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(text) ? text : fallback;

const framesOnly = (stack: string | undefined) =>
  stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');

export const errorLogFields = (error: unknown): ErrorLogFields | 'unknown' => {
  if (!(error instanceof Error)) return 'unknown';
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown; requestId?: unknown } }).$metadata;
  if (typeof metadata === 'object' && metadata !== null) {
    const status = metadata.httpStatusCode;
    const requestId = token(metadata.requestId, '');
    return {
      name: token(error.name, 'UnnamedServiceError'),
      ...(typeof status === 'number' ? { httpStatus: status } : {}),
      ...(requestId ? { awsRequestId: requestId } : {}),
      stack: framesOnly(sourceMappedStack(error)),
    };
  }
  return { name: error.name, message: error.message, stack: sourceMappedStack(error) };
};
