// Response body of backup code renewal.
import * as z from '../schema';

/** POST /internal/customers/{customerId}/2fa/backup-codes: ten new codes, shown once. */
export const backupCodesRenewedSchema = z.builtOnFirstUse(() =>
  z.object({
    backupCodes: z.array(z.string()).check(z.length(10)),
  }),
);

export type BackupCodesRenewed = z.infer<typeof backupCodesRenewedSchema>;
