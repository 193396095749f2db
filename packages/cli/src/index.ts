export { main } from './main.ts';
export { composeWeft, databasePath, nodeRegistry, weftHome, type Weft } from './compose.ts';
export { describeRun } from './commands/inspect.ts';
