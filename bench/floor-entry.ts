// Which floor a function's cold start is measured against: a handler in bench/baselines/ that imports
// only the AWS clients the function's grants in the route table let it use.
import { functionPermissions, type FunctionName } from '../lib/routes';

/** The AWS clients a function's grants in the route table let it use (its bundle holds no other). */
export const awsClientsOf = (name: FunctionName): Set<string> => {
  const { tables, services } = functionPermissions(name);
  const clients = new Set<string>();
  if (Object.keys(tables).length > 0 || services.includes('auditExport')) clients.add('dynamodb');
  if (services.includes('auditExport')) clients.add('s3');
  if (services.includes('sendEmail')) clients.add('ses');
  if (services.includes('publishEvents')) clients.add('eventbridge');
  if (
    services.some((service) =>
      ['sealSecrets', 'openSecrets', 'answerHashKey', 'auditExport'].includes(service),
    )
  )
    clients.add('kms');
  return clients;
};

/** The clients a function uses, from the route table's grants, name the baseline handler to bundle. */
export const baselineEntryFor = (name: FunctionName) => {
  const clients = awsClientsOf(name);
  const file =
    ['dynamodb', 's3', 'ses', 'kms', 'eventbridge'].filter((client) => clients.has(client)).join('-') ||
    'none';
  return `bench/baselines/${file}.ts`;
};
