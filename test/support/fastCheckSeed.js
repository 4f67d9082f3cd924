// Property-based tests draw the same cases on every run, so CI is deterministic.
// FC_SEED=<n> npx jest … explores other cases; a failure prints the seed that reproduces it.
require('fast-check').configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261121) });
