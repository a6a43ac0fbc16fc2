// Validates the OpenAPI document on stdin with @seriousme/openapi-schema-validator and prints its
// verdict as JSON. A separate ESM process: the validator reads its schemas relative to import.meta.url.
import { Validator } from '@seriousme/openapi-schema-validator';

let input = '';
for await (const chunk of process.stdin) input += chunk;
process.stdout.write(JSON.stringify(await new Validator().validate(JSON.parse(input))));
