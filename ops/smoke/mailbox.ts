// Where the smoke test reads the mail the service sends: the local SES server's store, or any test
// inbox behind a command (an S3 bucket of an SES receipt rule, an IMAP fetch…) that prints the texts.
import { execFile } from 'node:child_process';

export interface Mailbox {
  /** Text bodies of the mail sent to `address`, oldest first. */
  textsTo(address: string): Promise<string[]>;
}

/** aws-ses-v2-local's JSON store (`GET /store`): the local stack's and the tests' SES. */
export const sesLocalMailbox = (sesUrl: string): Mailbox => ({
  textsTo: async (address) => {
    const response = await fetch(`${sesUrl.replace(/\/+$/, '')}/store`);
    if (!response.ok) throw new Error(`mailbox ${sesUrl}/store answered ${response.status}`);
    const store = (await response.json()) as {
      emails: { destination: { to: string[] }; body: { text?: string } }[];
    };
    return store.emails
      .filter((email) => email.destination.to.includes(address))
      .map((email) => email.body.text ?? '');
  },
});

/**
 * A shell command run with SMOKE_MAIL_TO=<address>: it prints the plain-text bodies of the mail to that
 * address, oldest first, each followed by a line holding only `--`.
 */
export const commandMailbox = (command: string): Mailbox => ({
  textsTo: (address) =>
    new Promise((resolve, reject) => {
      execFile(
        '/bin/sh',
        ['-c', command],
        { env: { ...process.env, SMOKE_MAIL_TO: address }, timeout: 60_000, maxBuffer: 10 * 1024 * 1024 },
        (error, stdout) => {
          if (error) reject(new Error(`mail command failed: ${error.message}`));
          else
            resolve(
              stdout
                .split(/^--$/m)
                .map((text) => text.trim())
                .filter(Boolean),
            );
        },
      );
    }),
});

/** Polls until a mail to `address` matches, newest first; mail is asynchronous (stream, notifier, SES). */
export const waitForMail = async (
  mailbox: Mailbox,
  address: string,
  pattern: RegExp,
  options: { timeoutMs: number; skip?: number },
): Promise<RegExpExecArray> => {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const texts = (await mailbox.textsTo(address)).slice(options.skip ?? 0).reverse();
    for (const text of texts) {
      const match = pattern.exec(text);
      if (match) return match;
    }
    if (Date.now() > deadline)
      throw new Error(
        `no mail to ${address} matching ${String(pattern)} within ${options.timeoutMs / 1000} s`,
      );
    await new Promise((done) => setTimeout(done, 500));
  }
};
