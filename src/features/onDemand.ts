/**
 * The commands loaded on first use rather than at activation: collecting the week's merged PRs
 * and releases, and preparing publication. Bundled on its own as dist/onDemand.js (see
 * onDemandCommands.ts), so dist/extension.js stays small and quick to load.
 */
export { createPreparePublication } from './preparePublication';
export { createWeeklyMaterial } from './weeklyMaterial';
