import * as assert from 'node:assert/strict';
import { activationRow } from '../activation/startupPerformance';

// Shaped as VS Code 1.139's perf view writes its tables: padded cells, a dash row, other tables around.
const DOCUMENT = `## System Info

* Code: 1.139.1 (53c2f32)

## Extension Activation Stats

| Extension               | Eager | Load Code | Call Activate | Finish Activate | Event                         | By                      |
| ----------------------- | ----- | --------- | ------------- | --------------- | ----------------------------- | ----------------------- |
| vscode.git              | true  | 48        | 3             | 120             | *                             | vscode.git              |
| lwkd-author.lwkd-author | true  | 161       | 14            | 0               | workspaceContains:_posts/*.md | lwkd-author.lwkd-author |
| vscode.markdown         | false | 12        | 1             | -               | onLanguage:markdown           | vscode.markdown         |

## Terminal Stats
`;

suite('Startup Performance document', () => {
  test("reads an extension's activation times from the activation table", () => {
    assert.deepEqual(activationRow(DOCUMENT, 'lwkd-author.lwkd-author'), {
      startup: true,
      codeLoadingTime: 161,
      activateCallTime: 14,
      activateResolvedTime: 0,
      activationEvent: 'workspaceContains:_posts/*.md',
    });
    assert.equal(activationRow(DOCUMENT, 'LWKD-Author.lwkd-author')?.codeLoadingTime, 161, 'identifiers compare without case, as VS Code does');
  });

  test('has no row while the document is loading, for an extension not yet active, or for a cell that is not a number', () => {
    assert.equal(activationRow('Loading...', 'lwkd-author.lwkd-author'), undefined);
    assert.equal(activationRow(DOCUMENT, 'someone.else'), undefined);
    assert.equal(activationRow(DOCUMENT, 'vscode.markdown'), undefined);
  });
});
