import type * as vscode from 'vscode';
import { Commands } from '../constants';
import { registerCommand } from '../platform/commands';
import type * as WeeklyMaterialModule from './weeklyMaterial';
import type { WeeklyMaterial, WeeklyMaterialDeps } from './weeklyMaterial';

/**
 * Insert Merged PRs and Insert Subproject Releases, registered at activation but loaded on first
 * use: their module (search paging, release grouping, its own GitHub client) is a separate bundle,
 * dist/weeklyMaterial.js, so dist/extension.js stays small and quick to load.
 */
export function registerWeeklyMaterial(deps: WeeklyMaterialDeps): vscode.Disposable {
  let material: WeeklyMaterial | undefined;
  const load = (): WeeklyMaterial => {
    // A plain require of the sibling bundle; esbuild leaves it alone (it is external).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    material ??= (require('./weeklyMaterial.js') as typeof WeeklyMaterialModule).createWeeklyMaterial(deps);
    return material;
  };
  const disposables = [
    registerCommand(Commands.insertMergedPRs, deps, () => load().insertMergedPRs()),
    registerCommand(Commands.insertSubprojectReleases, deps, () => load().insertSubprojectReleases()),
  ];
  return { dispose: () => disposables.forEach((disposable) => disposable.dispose()) };
}
