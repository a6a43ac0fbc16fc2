// The console's verification flow after a newcomer's walk, in Chromium: under a recovery lock the
// triage advises verification and the agent can start it; the triage cannot be skipped and its advice
// shows as soon as the answers decide it; a cooldown is said before the triage and records nothing;
// people read case numbers, not ids (console and the emailed code); an admin who verified is not
// offered the disable of her own case; the English email-code heading says what the code is.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { auditEventsOf } from '../support/audit';
import { createCustomer, markEnrolled, passVerification, knowledgeChecks } from '../support/fixtures';
import { mailOfKind } from '../support/mails';
import { answerTriageToVerify, browserSuite, screenshot, signIn } from './browser';

const { suite, open } = browserSuite();

const emailOf = (customerId: string) => `${customerId}@voltpark.nl`;
const typesOf = async (customerId: string) =>
  (await auditEventsOf(suite.stack, customerId)).map((event) => event.type as string);

const enrolled = async (customerId: string) => {
  await createCustomer(suite.stack, customerId, { email: emailOf(customerId) });
  await markEnrolled(suite.stack, customerId);
};

/** A verification agent Bram passed, the code read back from the customer's own mail. */
const passedByBram = async (customerId: string) =>
  passVerification(suite.stack, customerId, await suite.stack.helpdeskToken('agent-bram'), knowledgeChecks, {
    EMAIL: emailOf(customerId),
  });

const caseNumberOf = async (verificationId: string) =>
  (
    await suite.stack.call('GET', `/admin/verifications/${verificationId}`, {
      // An admin reads any agent's session; another agent may not.
      token: await suite.stack.adminToken('admin-anna'),
    })
  ).body.caseNumber as string;

/** A helpdesk reset, then the customer's "this wasn't me" from the reset mail: recovery is locked. */
const lockedCustomer = async (customerId: string) => {
  await enrolled(customerId);
  const verificationId = await passedByBram(customerId);
  const disabled = await suite.stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: await suite.stack.adminToken('admin-anna'),
    body: { verificationId, reason: 'Telefoon kwijt' },
  });
  expect(disabled.status).toBe(200);
  await suite.stack.poller?.drain();
  const mail = await mailOfKind(suite.stack, emailOf(customerId), 'RESET');
  const ticket = /#ticket=([A-Za-z0-9_-]+)&report=1/.exec(mail?.body.text ?? '')?.[1];
  expect(ticket).toBeDefined();
  const reported = await suite.stack.call('POST', '/enroll/report', { body: { ticket } });
  expect(reported.status).toBe(200);
  await suite.stack.poller?.drain();
};

describe('the console’s verification flow', () => {
  it('under a recovery lock advises verification whatever the caller still holds, and lets the agent start it (for the release only)', async () => {
    const customerId = 'e2e-flow-locked';
    await lockedCustomer(customerId);
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-cees', `#/customers/${customerId}`);
    await agent.getByTestId('recovery-locked').waitFor();
    // Under the lock no code counts, so what the caller still holds cannot change the advice: the two
    // factor questions are not asked, and the page says why. Until the report is chosen, no start.
    const skipped = agent.getByTestId('triage-skipped');
    expect(await skipped.textContent()).toContain('onder een herstelblokkade telt geen code');
    expect(await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').count()).toBe(0);
    expect(await agent.getByLabel('Heeft de klant nog ongebruikte back-upcodes?').count()).toBe(0);
    expect(await agent.getByRole('button', { name: 'Verificatie starten' }).isDisabled()).toBe(true);
    expect(await agent.getByTestId('triage-first').textContent()).toContain('Kies eerst wat de klant meldt');
    await agent.getByLabel('Wat meldt de klant?').selectOption('PHONE_LOST');
    const advice = agent.locator('[data-testid="triage-advice"]');
    await advice.waitFor();
    expect(await advice.getAttribute('data-advice')).toBe('VERIFY');
    expect(await advice.getAttribute('data-because')).toBe('RECOVERY_LOCKED');
    expect(await advice.textContent()).toContain('het herstel is geblokkeerd');
    expect(await agent.getByRole('button', { name: 'Instructies mailen' }).count()).toBe(0);
    expect(await agent.getByTestId('release-only-verification').isVisible()).toBe(true);
    await screenshot(agent, 'flow-01-locked-triage-verify');

    await agent.getByRole('button', { name: 'Verificatie starten' }).click();
    await agent.getByTestId('verification-id').waitFor();
    const events = await auditEventsOf(suite.stack, customerId);
    const triage = events.filter((event) => event.type === 'HELPDESK_TRIAGE_RECORDED').at(-1);
    expect(triage?.details).toMatchObject({ advice: 'VERIFY', because: 'RECOVERY_LOCKED' });
    // Only what was asked is recorded: no yes or no for questions nobody put to the caller.
    expect(triage?.details).not.toHaveProperty('oldAuthenticatorWorks');
    expect(triage?.details).not.toHaveProperty('backupCodesAvailable');
    const started = events.filter((event) => event.type === 'VERIFICATION_STARTED').at(-1);
    expect(started?.details).toMatchObject({
      triageId: triage?.details.triageId,
      purpose: 'RECOVERY_LOCK_RELEASE',
    });
    // The history says the questions were not asked, rather than a "no" nobody heard.
    const history = agent.getByTestId('events-table');
    await history.waitFor();
    expect(await history.textContent()).toContain(
      'Telefoon kwijt · app werkt: niet gevraagd · back-upcodes: niet gevraagd → verificatie',
    );
    // The session as people name it: by its case number, not its id.
    const caseNumber = await caseNumberOf(started?.details.verificationId as string);
    expect(await agent.getByTestId('verification-id').textContent()).toBe(
      `Verificatie ${caseNumber} loopt (via telefoon).`,
    );
  });

  it('a lock lifted while the page was open: the skipped questions come back instead of a triage without them', async () => {
    const customerId = 'e2e-flow-lifted';
    await enrolled(customerId);
    const lockItem = (expression: string, values?: Record<string, { S: string }>) =>
      suite.stack.dynamodb.send(
        new UpdateItemCommand({
          TableName: suite.stack.tableNames.customers,
          Key: { customerId: { S: customerId } },
          UpdateExpression: expression,
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      );
    await lockItem('SET recoveryLockedAt = :at, recoveryLockFlag = :flag', {
      ':at': { S: new Date().toISOString() },
      ':flag': { S: 'LOCKED' },
    });
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-cees', `#/customers/${customerId}`);
    await agent.getByTestId('triage-skipped').waitFor();
    await agent.getByLabel('Wat meldt de klant?').selectOption('NEW_PHONE');
    await agent.locator('[data-testid="triage-advice"][data-because="RECOVERY_LOCKED"]').waitFor();
    // The security team lifts the lock meanwhile (as its release does, on the customer item).
    await lockItem('REMOVE recoveryLockedAt, recoveryLockFlag');
    await agent.getByRole('button', { name: 'Verificatie starten' }).click();
    await agent.getByTestId('start-error').waitFor();
    expect(await agent.getByTestId('start-error').textContent()).toContain('intussen opgeheven');
    // The questions are back, and with the old app working the caller helps themselves: no reset.
    await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').selectOption('yes');
    await agent.locator('[data-testid="triage-advice"][data-advice="SELF_SERVICE"]').waitFor();
    expect(await agent.getByTestId('triage-skipped').count()).toBe(0);
    expect(await agent.getByRole('button', { name: 'Verificatie starten' }).count()).toBe(0);
    const types = await typesOf(customerId);
    expect(types).not.toContain('HELPDESK_TRIAGE_RECORDED');
    expect(types).not.toContain('VERIFICATION_STARTED');
  });

  it('does not put the reported reset’s pass back on its own agent’s screen: the start the release needs stays offered', async () => {
    // agent-bram verified the reset the customer then reported, minutes ago: within the 30 minutes a
    // passed outcome is shown again after a reload. Under the lock that old pass must not come back.
    const customerId = 'e2e-flow-resume';
    await lockedCustomer(customerId);
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-bram', `#/customers/${customerId}`);
    await agent.getByTestId('recovery-locked').waitFor();
    await agent.getByLabel('Wat meldt de klant?').waitFor();
    expect(await agent.getByTestId('verification-outcome').count()).toBe(0);
    await answerTriageToVerify(agent);
    expect(await agent.getByRole('button', { name: 'Verificatie starten' }).isEnabled()).toBe(true);
  });

  it('shows the advice as soon as the answers decide it, and starts no verification before a complete triage advises it', async () => {
    const customerId = 'e2e-flow-partial';
    await enrolled(customerId);
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-bram', `#/customers/${customerId}`);
    const start = agent.getByRole('button', { name: 'Verificatie starten' });
    // Nothing asked yet: the start waits for the triage, and says so.
    await start.waitFor();
    expect(await start.isDisabled()).toBe(true);
    expect(await agent.getByTestId('triage-first').textContent()).toContain('Beantwoord eerst de triage');
    expect(await start.getAttribute('aria-describedby')).toBe(
      await agent.getByTestId('triage-first').getAttribute('id'),
    );

    // The old app works: self-service, whatever the back-up codes (left unasked).
    await agent.getByLabel('Wat meldt de klant?').selectOption('NEW_PHONE');
    await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').selectOption('yes');
    const advice = agent.getByTestId('triage-advice');
    await advice.waitFor();
    expect(await advice.getAttribute('data-advice')).toBe('SELF_SERVICE');
    expect(await agent.getByLabel('Heeft de klant nog ongebruikte back-upcodes?').inputValue()).toBe('');
    expect(await start.count()).toBe(0);
    await screenshot(agent, 'flow-02-partial-self-service');
    await agent.getByRole('button', { name: 'Instructies mailen' }).click();
    await agent.getByTestId('triage-guide-queued').waitFor();
    const history = agent.getByTestId('events-table');
    await history.getByText('back-upcodes: niet gevraagd').waitFor();
    expect(await history.textContent()).toContain(
      'Nieuwe telefoon · app werkt: ja · back-upcodes: niet gevraagd → zelfhulp · instructies gemaild',
    );

    // App gone, codes not asked yet: no advice, no start.
    await agent.getByLabel('Werkt de oude authenticator-app nog (geeft hij codes)?').selectOption('no');
    expect(await agent.getByTestId('triage-advice').count()).toBe(0);
    await start.waitFor();
    expect(await start.isDisabled()).toBe(true);
    // A click on the disabled button (forced, as a script would) starts nothing.
    await start.click({ force: true });
    // The report left out: no advice either, whatever the answers.
    await agent.getByLabel('Heeft de klant nog ongebruikte back-upcodes?').selectOption('no');
    await agent.getByLabel('Wat meldt de klant?').selectOption('');
    expect(await agent.getByTestId('triage-advice').count()).toBe(0);
    expect(await start.isDisabled()).toBe(true);
    expect(await typesOf(customerId)).not.toContain('VERIFICATION_STARTED');

    // The server agrees: without a working app the back-up codes question is required.
    const partial = await suite.stack.call('POST', `/admin/customers/${customerId}/triage`, {
      token: await suite.stack.helpdeskToken('agent-bram'),
      body: { reportedProblem: 'PHONE_LOST', oldAuthenticatorWorks: false, channel: 'phone' },
    });
    expect(partial.status).toBe(400);

    // Complete and VERIFY: the start is offered, and the session names the recorded triage.
    await answerTriageToVerify(agent);
    expect(await start.isDisabled()).toBe(false);
    expect(await agent.getByTestId('triage-first').count()).toBe(0);
    await start.click();
    await agent.getByTestId('verification-id').waitFor();
    const events = await auditEventsOf(suite.stack, customerId);
    const triage = events.filter((event) => event.type === 'HELPDESK_TRIAGE_RECORDED').at(-1);
    expect(triage?.details).toMatchObject({ advice: 'VERIFY', backupCodesAvailable: false });
    expect(events.filter((event) => event.type === 'VERIFICATION_STARTED')).toHaveLength(1);
    expect(events.find((event) => event.type === 'VERIFICATION_STARTED')?.details.triageId).toBe(
      triage?.details.triageId,
    );
  });

  it('says a cooldown before the triage, and records no triage for a start the server would refuse', async () => {
    const customerId = 'e2e-flow-cooldown';
    await enrolled(customerId);
    const token = await suite.stack.helpdeskToken('agent-dora');
    const started = await suite.stack.call('POST', `/admin/customers/${customerId}/verifications`, {
      token,
      body: { channel: 'phone' },
    });
    const wrongEmail = (callerRepeated?: true) =>
      suite.stack.call('POST', `/admin/verifications/${started.body.verificationId}/checks`, {
        token,
        body: {
          type: 'EMAIL',
          answer: 'iemand@elders.example',
          ...(callerRepeated ? { callerRepeated } : {}),
        },
      });
    expect((await wrongEmail()).body.status).toBe('OPEN');
    expect((await wrongEmail(true)).body.status).toBe('FAILED');

    const agent = await open();
    await signIn(agent, suite.stack, 'agent-dora', `#/customers/${customerId}`);
    const notice = agent.getByTestId('verification-cooldown');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Een nieuwe verificatie kan pas starten na');
    expect(await notice.textContent()).toContain('Zelfhulp (triage hieronder) kan wel.');
    // Before the questions, in reading order.
    expect(
      await agent.evaluate(() => {
        const said = document.querySelector('[data-testid="verification-cooldown"]');
        const asked = document.querySelector('[data-key="triage-app-works"]');
        return (
          !!said && !!asked && !!(said.compareDocumentPosition(asked) & Node.DOCUMENT_POSITION_FOLLOWING)
        );
      }),
    ).toBe(true);
    const before = (await typesOf(customerId)).length;
    await answerTriageToVerify(agent);
    await agent.getByTestId('start-cooldown').waitFor();
    expect(await agent.getByRole('button', { name: 'Verificatie starten' }).count()).toBe(0);
    await screenshot(agent, 'flow-03-cooldown');
    const after = await typesOf(customerId);
    expect(after).toHaveLength(before);
    expect(after.filter((type) => type === 'HELPDESK_TRIAGE_RECORDED')).toHaveLength(0);
  });

  it('names cases by their number for the admin (history, disable choice, outcome) and in the emailed code', async () => {
    const customerId = 'e2e-flow-case';
    await enrolled(customerId);
    const verificationId = await passedByBram(customerId);
    const caseNumber = await caseNumberOf(verificationId);
    expect(caseNumber).toMatch(/^HD-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The caller reads the case number from the mail, the same one the agent sees.
    const codeMail = (await suite.stack.sentEmails())
      .filter((sent) => sent.destination.to.includes(emailOf(customerId)))
      .find((sent) => /verificatiecode/i.test(sent.subject));
    expect(codeMail?.body.text).toContain(`Zaaknummer van dit gesprek: ${caseNumber}`);
    expect(codeMail?.body.html).toContain(`Zaaknummer van dit gesprek: ${caseNumber}`);
    expect(`${codeMail?.body.text} ${codeMail?.body.html}`).not.toContain(verificationId);

    const admin = await open();
    await signIn(admin, suite.stack, 'admin-anna', `#/customers/${customerId}`);
    const cases = admin.getByTestId('verification-case');
    await cases.first().waitFor();
    expect(await cases.allTextContents()).toEqual([caseNumber]);
    const choice = admin.getByLabel('Op basis van verificatie');
    expect(await choice.locator('option').first().textContent()).toMatch(
      new RegExp(`^${caseNumber} — geslaagd .+, door agent-bram$`),
    );
    expect(await admin.getByTestId('disable').textContent()).not.toContain(verificationId);
    await screenshot(admin, 'flow-04-admin-case-numbers');
    await admin.getByLabel('Reden (komt in het audit-logboek)').fill('Telefoon kwijt, beller geverifieerd');
    await admin.getByRole('button', { name: '2FA uitschakelen…' }).click();
    await admin.getByRole('button', { name: 'Ja, 2FA uitschakelen' }).click();
    const outcome = admin.getByTestId('disable-outcome');
    await outcome.waitFor();
    expect(await outcome.locator('p').first().textContent()).toBe(
      `2FA is uitgeschakeld op basis van zaak ${caseNumber}. De klant krijgt een e-mail met een link om 2FA opnieuw in te stellen.`,
    );
    const disabledEvent = (await auditEventsOf(suite.stack, customerId)).find(
      (event) => event.type === 'TWO_FA_DISABLED',
    );
    expect(await admin.getByTestId('disable-reference').textContent()).toBe(
      `Referentie (audit): ${disabledEvent?.eventId}`,
    );
  });

  it('does not offer an admin who verified the disable of her own case, and points her to another admin (in English, too)', async () => {
    const customerId = 'e2e-flow-own';
    await enrolled(customerId);
    const kim = await suite.stack.helpdeskToken('lead-kim');
    const verificationId = await passVerification(suite.stack, customerId, kim, knowledgeChecks, {
      EMAIL: emailOf(customerId),
    });
    const caseNumber = await caseNumberOf(verificationId);

    const lead = await open({ locale: 'en-GB' });
    await signIn(lead, suite.stack, 'lead-kim', `#/customers/${customerId}`);
    const next = lead.getByTestId('outcome-next');
    await next.waitFor();
    expect(await next.textContent()).toBe(
      `You verified this customer yourself: another admin must disable 2FA. Quote case ${caseNumber}.`,
    );
    // The emailed code's heading agrees with the line below it: the code is the proof.
    expect(await lead.getByTestId('email-code-section').locator('h4').textContent()).toBe(
      '3. Code by email (proof of possession)',
    );
    expect(await lead.getByTestId('disable-own-verification').textContent()).toBe(
      `Case ${caseNumber}: verified by you. Disabling on your own verification is not possible; ask another admin.`,
    );
    expect(await lead.getByRole('button', { name: 'Disable 2FA…' }).count()).toBe(0);
    expect(await lead.getByTestId('disable-form').count()).toBe(0);
    await screenshot(lead, 'flow-05-own-case-en');

    // Another admin gets the case offered.
    const anna = await open();
    await signIn(anna, suite.stack, 'admin-anna', `#/customers/${customerId}`);
    await anna.getByTestId('disable-form').waitFor();
    expect(await anna.getByTestId('disable-own-verification').count()).toBe(0);
    expect(
      await anna.getByLabel('Op basis van verificatie').locator('option').first().textContent(),
    ).toContain(`${caseNumber} — geslaagd`);
  });
});
