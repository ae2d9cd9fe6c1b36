// The dispatch page's script.
import { requireSession } from './lib/shell.js';

void requireSession(['dispatcher', 'admin']);
