import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

/**
 * The part of the built-in Git extension's API (`vscode.git`, API version 1) we use, typed here
 * rather than copied whole from its git.d.ts.
 */
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD: { readonly name?: string } | undefined };
  getBranch(name: string): Promise<unknown>;
  createBranch(name: string, checkout: boolean, ref?: string): Promise<void>;
  checkout(treeish: string): Promise<void>;
}

export type BranchOutcome =
  | { readonly kind: 'created' | 'checkedOut' | 'alreadyOn'; readonly branch: string }
  | { readonly kind: 'unavailable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** Where a branch can be made: the Git repository holding `uri`, or why there is none. */
export type BranchPlace =
  | { readonly kind: 'repository'; readonly repository: GitRepository; readonly current: string | undefined }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Looks for the repository holding `uri` before anyone is asked to make a branch there. */
export async function branchPlace(uri: vscode.Uri): Promise<BranchPlace> {
  const api = await gitApi();
  if (!api) {
    return { kind: 'unavailable', reason: 'the Git extension is not available' };
  }
  const repository = api.getRepository(uri);
  if (!repository) {
    return { kind: 'unavailable', reason: 'this folder is not in a Git repository' };
  }
  return { kind: 'repository', repository, current: repository.state.HEAD?.name };
}

/**
 * Creates (or checks out, when it exists) `branch` in the repository holding `uri`. Never
 * throws: without Git, a repository or a clean checkout it reports why and the caller moves on.
 */
export async function checkOutBranch(uri: vscode.Uri, branch: string, logger: Logger, place?: BranchPlace): Promise<BranchOutcome> {
  const found = place ?? (await branchPlace(uri));
  if (found.kind === 'unavailable') {
    return found;
  }
  const { repository } = found;
  if (repository.state.HEAD?.name === branch) {
    return { kind: 'alreadyOn', branch };
  }
  try {
    const exists = await repository.getBranch(branch).then(
      () => true,
      () => false,
    );
    if (exists) {
      await repository.checkout(branch);
      return { kind: 'checkedOut', branch };
    }
    await repository.createBranch(branch, true);
    return { kind: 'created', branch };
  } catch (error) {
    logger.error(`[git] could not check out ${branch}`, error);
    return { kind: 'failed', reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) {
    return undefined;
  }
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports?.enabled) {
      return undefined;
    }
    const api = exports.getAPI(1);
    if (api.state === 'initialized') {
      return api;
    }
    // Git opens repositories in the background; wait a little, never forever.
    return await new Promise<GitApi | undefined>((resolve) => {
      const timer = setTimeout(() => {
        listener.dispose();
        resolve(undefined);
      }, 5_000);
      const listener = api.onDidChangeState((state) => {
        if (state === 'initialized') {
          clearTimeout(timer);
          listener.dispose();
          resolve(api);
        }
      });
    });
  } catch {
    return undefined;
  }
}

/** Branch making as New Weekly Issue uses it; the desktop entry passes {@link gitBranches}, the browser entry none. */
export interface Branches {
  place(uri: vscode.Uri): Promise<BranchPlace>;
  checkOut(uri: vscode.Uri, branch: string, logger: Logger, place?: BranchPlace): Promise<BranchOutcome>;
}

export const gitBranches: Branches = { place: branchPlace, checkOut: checkOutBranch };
