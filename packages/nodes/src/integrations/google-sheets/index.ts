export { createGoogleSheetsNode, type GoogleSheetsNodeOptions } from './google-sheets-node.ts';
export { SHEETS_SCOPE, GOOGLE_TOKEN_URI } from './service-account.ts';
export { SHEETS_BASE_URL } from './sheets-api.ts';
