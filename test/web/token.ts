/** The token the web layer's fake GitHub accepts, which the runner types when LWKD asks for one. */
export const WEB_TOKEN = 'ghp_webLayerFixtureToken000000000000000';
