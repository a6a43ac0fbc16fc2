// Stops the services global-setup started; nothing is left running after `npm test`.
export default async function globalTeardown() {
  await globalThis.__localServices?.stop();
}
