/** How the web worker's activation probe marks its figures on the console (no vscode import here: the Node runner reads it). */
export const WEB_ACTIVATION_MARKER = 'LWKD_ACTIVATION_RESULT';
