export { main } from './main.ts';
export { composeWeft, databasePath, nodeRegistry, type Weft } from './compose.ts';
export { describeRun } from './commands/inspect.ts';
