/** First line the suite prints; the runner echoes the workbench's console from here on. */
export const SUITE_BANNER = 'Integration suite in';
