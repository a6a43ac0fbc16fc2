// One Powertools logger for every function: JSON lines with request id and route, nothing secret.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'mfa-recovery' });
