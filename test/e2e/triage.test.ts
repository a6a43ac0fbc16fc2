// Triage in the console, in Chromium: a NEW_PHONE caller with the old phone working is sent to
// self-service without any reset (the advice in the agent's language, the guide in the customer's
// inboxes, 2FA still on, no verification, the triage in the audit), then really moves to the new phone
// with the old app's code; a PHONE_LOST caller with nothing left goes to verification, which names the triage.
import { auditEventsOf } from '../support/audit';
import { awaitFreshStep, phoneApp, scanQr } from '../integration/self-service-helpers';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createCustomer } from '../support/fixtures';
import { softPasskey } from '../support/soft-passkey';
import { browserSuite, screenshot, signIn } from './browser';

const { suite, open } = browserSuite();

const service = async (method: 'POST' | 'GET', path: string, body?: unknown) =>
  suite.stack.call(method, path, {
    token: await suite.stack.serviceToken(),
    ...(body === undefined ? {} : { body }),
  });

const guidesTo = async (address: string) =>
  (await suite.stack.sentEmails()).filter(
    // The guides' subjects: "Zo …" / "How to …" (the other mails tell what happened).
    (email) => email.destination.to.includes(address) && /^(Zo |How to )/.test(email.subject),
  );

/** A customer enrolled for real: the authenticator app in hand is `oldPhone` (oathtool where installed). */
const enrolledCustomer = async (customerId: string, locale: 'nl' | 'en') => {
  await createCustomer(suite.stack, customerId, {
    email: `${customerId}@voltpark.nl`,
    notificationEmails: [`${customerId}@thuis.example`],
    locale,
  });
  const step = await awaitFreshStep(20);
  const ticket = (await service('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`)).body
    .ticket as string;
  const started = await suite.stack.call('POST', '/enroll/start', { body: { ticket } });
  const oldPhone = phoneApp(scanQr(started.body.qrPng));
  const confirmed = await suite.stack.call('POST', '/enroll/confirm', {
    // The previous step's code (still accepted), so the current one is left for the step-up.
    body: { ticket, code: oldPhone.codeForStep(step - 1) },
  });
  expect(confirmed.body.twoFactor).toBe('ENABLED');
  return oldPhone;
};

/** A customer whose one factor is a passkey (a security key), registered from the first enrollment link. */
const passkeyCustomer = async (customerId: string) => {
  await createCustomer(suite.stack, customerId, { email: `${customerId}@voltpark.nl`, locale: 'nl' });
  const ticket = (await service('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`)).body
    .ticket as string;
  const options = await suite.stack.call('POST', '/enroll/passkey/options', { body: { ticket } });
  const response = softPasskey().register({
    challenge: options.body.challenge,
    origin: suite.stack.apiUrl,
    rpId: 'localhost',
  });
  const registered = await suite.stack.call('POST', '/enroll/passkey/register', {
    body: { ticket, response },
  });
  expect(registered.status).toBe(200);
};

const typesOf = async (customerId: string) =>
  (await auditEventsOf(suite.stack, customerId)).map((event) => event.type as string);

describe('triage in the console', () => {
  it('sends a new-phone caller with the old phone to self-service, without any reset; the customer then moves alone', async () => {
    const customerId = 'e2e-triage-new-phone';
    const address = `${customerId}@voltpark.nl`;
    const oldPhone = await enrolledCustomer(customerId, 'nl');

    const agent = await open();
    await signIn(agent, suite.stack, 'agent-bram', `#/customers/${customerId}`);
    await agent.getByTestId('customer-name').waitFor();
    // No passkey on file: "passkey lost" is not among the reports.
    const reports = agent.getByLabel('Wat meldt de klant?').locator('option');
    expect(
      await reports.evaluateAll((options) => options.map((option) => option.getAttribute('value'))),
    ).toEqual(['', 'CANNOT_LOG_IN', 'PHONE_LOST', 'APP_BROKEN', 'BACKUP_CODES_LOST', 'NEW_PHONE']);
    await agent.getByLabel('Wat meldt de klant?').selectOption('NEW_PHONE');
    await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').selectOption('yes');
    await agent.getByLabel('Heeft de klant nog ongebruikte back-upcodes?').selectOption('no');
    const advice = agent.getByTestId('triage-advice');
    await advice.waitFor();
    expect(await advice.getAttribute('data-advice')).toBe('SELF_SERVICE');
    expect(await advice.getByRole('heading').textContent()).toBe('Zelfhulp: geen reset nodig');
    expect(await agent.getByTestId('triage-say').textContent()).toContain(
      'Ga naar Profiel en kies ‘Authenticator vervangen’',
    );
    // No reset is on offer for a caller who can help themselves.
    expect(await agent.getByRole('button', { name: 'Verificatie starten' }).count()).toBe(0);
    await screenshot(agent, 'triage-01-self-service-advice');

    await agent.getByRole('button', { name: 'Instructies mailen' }).click();
    await agent.getByTestId('triage-guide-queued').waitFor();
    expect(await agent.getByTestId('triage-guide-queued').textContent()).toBe(
      'Vastgelegd; de instructies gaan naar het e-mailadres in het dossier (nog 2 vandaag).',
    );
    await screenshot(agent, 'triage-02-guide-mailed');

    await suite.stack.poller?.drain();
    const [guide] = await guidesTo(address);
    expect(guide?.subject).toBe('Zo zet u tweestapsverificatie over naar uw nieuwe telefoon');
    expect(guide?.body.text).toContain('Ga naar Profiel en kies "Authenticator vervangen"');
    expect((await guidesTo(`${customerId}@thuis.example`)).map((email) => email.subject)).toEqual([
      guide?.subject,
    ]);

    expect((await service('GET', `/internal/customers/${customerId}/2fa`)).body.twoFactor).toBe('ENABLED');
    const afterTriage = await typesOf(customerId);
    expect(afterTriage).toContain('HELPDESK_TRIAGE_RECORDED');
    expect(afterTriage).not.toContain('VERIFICATION_STARTED');
    expect(afterTriage).not.toContain('TWO_FA_DISABLED');
    // The history the agent sees after a reload names the triage; no verification was started.
    await agent.reload();
    await agent.getByTestId('customer-name').waitFor();
    const history = agent.getByTestId('events-table');
    await history.waitFor();
    expect(await history.textContent()).toContain('Triage vastgelegd (wat de klant meldt en nog heeft)');
    expect(await history.textContent()).toContain(
      'Nieuwe telefoon · app werkt: ja · back-upcodes: nee → zelfhulp · instructies gemaild',
    );
    expect(await agent.getByTestId('verifications-table').count()).toBe(0);
    expect(await agent.getByTestId('two-factor-status').first().getAttribute('data-status')).toBe('ENABLED');

    // The customer follows the guide: the login service steps up with the old app's current code.
    await awaitFreshStep(20);
    const issued = await service('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
      stepUpCode: oldPhone.codeAt(Date.now()),
    });
    expect(issued.status).toBe(200);
    const customer = await open();
    await customer.goto(issued.body.enrollUrl);
    await customer.getByRole('button', { name: 'Beginnen' }).click();
    await customer.getByTestId('replace-notice').waitFor();
    const newPhone = phoneApp(scanQr((await customer.getByTestId('qr').getAttribute('src')) ?? ''));
    await customer.getByLabel('6-cijferige code').fill(newPhone.codeAt(Date.now()));
    await customer.getByRole('button', { name: 'Bevestigen' }).click();
    await customer.getByTestId('backup-codes').waitFor();
    const types = await typesOf(customerId);
    expect(types).toContain('AUTHENTICATOR_REPLACED');
    expect(types).not.toContain('TWO_FA_DISABLED');
    expect(types.indexOf('HELPDESK_TRIAGE_RECORDED')).toBeLessThan(types.indexOf('AUTHENTICATOR_REPLACED'));
    // The notice of the change, with "this wasn't me", in both inboxes on file.
    await suite.stack.poller?.drain();
    for (const inbox of [address, `${customerId}@thuis.example`])
      expect(
        (await suite.stack.sentEmails())
          .filter((email) => email.destination.to.includes(inbox))
          .map((email) => email.subject),
      ).toContain('Uw authenticator-app is vervangen');
  });

  it('sends a lost-phone caller with nothing left to verification, which names the triage', async () => {
    const customerId = 'e2e-triage-lost';
    await enrolledCustomer(customerId, 'nl');
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-cees', `#/customers/${customerId}`);
    await agent.getByTestId('customer-name').waitFor();
    await agent.getByLabel('Wat meldt de klant?').selectOption('PHONE_LOST');
    await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').selectOption('no');
    await agent.getByLabel('Heeft de klant nog ongebruikte back-upcodes?').selectOption('no');
    const advice = agent.getByTestId('triage-advice');
    await advice.waitFor();
    // No passkey on file: no passkey question.
    expect(await agent.locator('[data-key="triage-passkey-works"]').count()).toBe(0);
    expect(await advice.getAttribute('data-advice')).toBe('VERIFY');
    expect(await advice.textContent()).toContain(
      'Verificatie nodig: de klant heeft geen werkende factor meer.',
    );
    expect(await agent.getByRole('button', { name: 'Instructies mailen' }).count()).toBe(0);
    await screenshot(agent, 'triage-03-verify-advice');
    await agent.getByRole('button', { name: 'Verificatie starten' }).click();
    await agent.getByTestId('verification-id').waitFor();

    const events = await auditEventsOf(suite.stack, customerId);
    const triage = events.find((event) => event.type === 'HELPDESK_TRIAGE_RECORDED');
    expect(triage?.details).toMatchObject({
      reportedProblem: 'PHONE_LOST',
      advice: 'VERIFY',
      guideEmailed: false,
    });
    expect(events.find((event) => event.type === 'VERIFICATION_STARTED')?.details).toMatchObject({
      reportedProblem: 'PHONE_LOST',
      triageId: triage?.details.triageId,
    });
    await suite.stack.poller?.drain();
    expect(await guidesTo(`${customerId}@voltpark.nl`)).toEqual([]);
  });

  it('speaks English to an English agent, and the guide speaks the customer’s language', async () => {
    const customerId = 'e2e-triage-en';
    await enrolledCustomer(customerId, 'en');
    const agent = await open({ locale: 'en-GB' });
    await signIn(agent, suite.stack, 'agent-dora', `#/customers/${customerId}`);
    await agent.getByTestId('customer-name').waitFor();
    await agent.getByLabel('What does the caller report?').selectOption('PHONE_LOST');
    await agent
      .getByLabel('Does the old authenticator app still work (does it show codes)?')
      .selectOption('no');
    await agent.getByLabel('Does the caller still have unused backup codes?').selectOption('yes');
    await agent.getByTestId('triage-advice').waitFor();
    expect(await agent.getByTestId('triage-advice').getAttribute('data-path')).toBe('BACKUP_CODE_SIGN_IN');
    expect(await agent.getByTestId('triage-say').textContent()).toContain('choose ‘Use a backup code’');
    await agent.getByRole('button', { name: 'Email the instructions' }).click();
    await agent.getByTestId('triage-guide-queued').waitFor();
    await screenshot(agent, 'triage-04-english');
    await suite.stack.poller?.drain();
    const [guide] = await guidesTo(`${customerId}@voltpark.nl`);
    expect(guide?.subject).toBe('How to log in with a backup code and set up a new authenticator');
    expect(guide?.body.text).toContain('choose "Replace authenticator"');
  });
  it('sends a caller who lost a security key, with the app in hand, to remove it alone', async () => {
    const customerId = 'e2e-triage-key';
    await passkeyCustomer(customerId);
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-cees', `#/customers/${customerId}`);
    await agent.getByTestId('customer-name').waitFor();
    await agent
      .getByLabel('Wat meldt de klant?')
      .selectOption({ label: 'Passkey of beveiligingssleutel kwijt' });
    await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').selectOption('yes');
    const advice = agent.getByTestId('triage-advice');
    await advice.waitFor();
    expect(await advice.getAttribute('data-path')).toBe('REMOVE_PASSKEY');
    expect(await agent.getByTestId('triage-say').textContent()).toContain('kies ‘Verwijderen’');
    await agent.getByRole('button', { name: 'Instructies mailen' }).click();
    await agent.getByTestId('triage-guide-queued').waitFor();
    await suite.stack.poller?.drain();
    const [guide] = await guidesTo(`${customerId}@voltpark.nl`);
    expect(guide?.subject).toBe('Zo verwijdert u de passkey die u kwijt bent');
    expect(guide?.body.text).toContain('kies "Verwijderen"');
    const events = await auditEventsOf(suite.stack, customerId);
    expect(events.find((event) => event.type === 'HELPDESK_TRIAGE_RECORDED')?.details).toMatchObject({
      reportedProblem: 'PASSKEY_LOST',
      advice: 'SELF_SERVICE',
      selfServicePath: 'REMOVE_PASSKEY',
      guideEmailed: true,
    });
    expect(events.some((event) => event.type === 'TWO_FA_DISABLED')).toBe(false);
  });
  it('asks about the passkey of a customer who has one, and a passkey that signs in means self-service', async () => {
    const customerId = 'e2e-triage-passkey';
    await passkeyCustomer(customerId);
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-cees', `#/customers/${customerId}`);
    await agent.getByTestId('customer-name').waitFor();
    await agent.getByLabel('Wat meldt de klant?').selectOption('PHONE_LOST');
    const passkeyQuestion = agent.getByLabel('Kan de klant nog inloggen met een passkey', { exact: false });
    // Asked only once the app is known not to work.
    expect(await passkeyQuestion.count()).toBe(0);
    await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').selectOption('no');
    expect(await agent.getByTestId('triage-advice').count()).toBe(0);
    await passkeyQuestion.selectOption('yes');
    const advice = agent.getByTestId('triage-advice');
    await advice.waitFor();
    expect(await advice.getAttribute('data-path')).toBe('PASSKEY_SIGN_IN');
    expect(await agent.getByTestId('triage-say').textContent()).toContain('kies ‘Inloggen met een passkey’');
    await screenshot(agent, 'triage-05-passkey');
    await agent.getByRole('button', { name: 'Instructies mailen' }).click();
    await agent.getByTestId('triage-guide-queued').waitFor();
    await agent.getByText('passkey werkt: ja', { exact: false }).first().waitFor();
    const recorded = (await auditEventsOf(suite.stack, customerId)).find(
      (event) => event.type === 'HELPDESK_TRIAGE_RECORDED',
    );
    expect(recorded?.details).toMatchObject({ passkeyWorks: true, selfServicePath: 'PASSKEY_SIGN_IN' });
  });
  it('offers "passkey lost" only with a passkey on file, and a passkey gone meanwhile sends the agent back to the report', async () => {
    const customerId = 'e2e-triage-key-gone';
    await passkeyCustomer(customerId);
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-cees', `#/customers/${customerId}`);
    await agent.getByTestId('customer-name').waitFor();
    const report = agent.getByLabel('Wat meldt de klant?');
    await report.selectOption({ label: 'Passkey of beveiligingssleutel kwijt' });
    await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').selectOption('yes');
    await agent.getByTestId('triage-advice').waitFor();
    // The passkey goes while the page still shows it (here: straight from the record).
    await suite.stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: suite.stack.tableNames.customers,
        Key: { customerId: { S: customerId } },
        UpdateExpression: 'REMOVE passkeys',
      }),
    );
    await agent.getByRole('button', { name: 'Instructies mailen' }).click();
    await agent.getByText('geen passkey in het dossier', { exact: false }).first().waitFor();
    // Read again: the report is cleared and no longer offered; the agent asks and chooses another.
    await report.locator('option[value="PASSKEY_LOST"]').waitFor({ state: 'detached' });
    expect(await report.inputValue()).toBe('');
    expect(await agent.getByTestId('triage-advice').count()).toBe(0);
    await report.selectOption('APP_BROKEN');
    await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').selectOption('yes');
    await agent.getByRole('button', { name: 'Instructies mailen' }).click();
    await agent.getByTestId('triage-guide-queued').waitFor();
    const triages = (await auditEventsOf(suite.stack, customerId)).filter(
      (event) => event.type === 'HELPDESK_TRIAGE_RECORDED',
    );
    expect(triages.map((event) => event.details.reportedProblem)).toEqual(['APP_BROKEN']);
  });
});
