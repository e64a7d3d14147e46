// Entry point of the compiled CLI (bin/zonetrack.js imports this).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
