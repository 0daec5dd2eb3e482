// Loaded only by the `test-dc` profile (cucumber.js), in every worker, before any hook runs:
// selects the backend unless TELEGRAM_BACKEND says otherwise. Plain JS, and not among the
// entry points every profile requires (cucumber.js), so that no other profile loads it.
process.env.TELEGRAM_BACKEND ??= 'test-dc';
