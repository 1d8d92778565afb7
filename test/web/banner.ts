/** First line the web suite prints; the runner echoes the workbench's console from here on. */
export const WEB_SUITE_BANNER = 'Web suite in';
