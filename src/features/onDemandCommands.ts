import type * as vscode from 'vscode';
import { Commands } from '../constants';
import { registerCommand } from '../vscode/commands';
import { DisposableStore } from '../vscode/dispose';
import type * as OnDemand from './onDemand';
import type { PreparePublication, PreparePublicationArgs, PreparePublicationDeps } from './preparePublication';
import type { WeeklyMaterial, WeeklyMaterialDeps } from './weeklyMaterial';

/**
 * Insert Merged PRs, Insert Subproject Releases and Prepare Publication: registered at activation,
 * loaded on first use. Their module (search paging, release grouping, publication, and its own
 * GitHub client) is a separate bundle, dist/onDemand.js, so dist/extension.js stays small and
 * quick to load. Only plain data and method calls cross between the bundles, never `instanceof`.
 */
export function registerOnDemandCommands(deps: WeeklyMaterialDeps & PreparePublicationDeps): vscode.Disposable {
  let module: typeof OnDemand | undefined;
  let material: WeeklyMaterial | undefined;
  let publication: PreparePublication | undefined;
  // A plain require of the sibling bundle; esbuild leaves it alone (it is external).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (): typeof OnDemand => (module ??= require('./onDemand.js') as typeof OnDemand);
  const disposables = new DisposableStore();
  disposables.add(registerCommand(Commands.insertMergedPRs, deps, () => (material ??= load().createWeeklyMaterial(deps)).insertMergedPRs()));
  disposables.add(registerCommand(Commands.insertSubprojectReleases, deps, () => (material ??= load().createWeeklyMaterial(deps)).insertSubprojectReleases()));
  disposables.add(registerCommand(Commands.preparePublication, deps, (args?: PreparePublicationArgs) => (publication ??= disposables.add(load().createPreparePublication(deps))).run(args)));
  return disposables;
}
