// Loaded only by the `test-dc-twin` profile (cucumber.js), in every worker, before any hook runs:
// the test-dc backend against a twin of the test DC started in each worker (support/backends/test-dc-twin.ts).
process.env.TELEGRAM_BACKEND ??= 'test-dc-twin';
