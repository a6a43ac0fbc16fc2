// `npm test` runs this first (pretest): one line naming what is missing and how to install it, then exit 1.
import { missingTestPrerequisites } from '../local/prerequisites';

const missing = missingTestPrerequisites();
if (missing.length > 0) {
  process.stderr.write(`npm test needs ${missing.join('; and ')}.\n`);
  process.exit(1);
}
