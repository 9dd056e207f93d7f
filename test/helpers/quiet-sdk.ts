/**
 * Jest setup for every test file: node-sdk arms a 3 s "slow request" console warning per database
 * request and, for a request that fails, never clears it. On a loaded machine it then prints into
 * other tests' output (or after the file ended). SILENCE is the SDK's own switch for that warning;
 * no assertion depends on it.
 */
process.env.SILENCE = 'true';
