// The station app's script (placeholder until the station app lands; /station serves the old page).
import { requireSession } from './lib/shell.js';

void requireSession(['station']);
