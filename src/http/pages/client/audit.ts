// The audit page's script.
import { requireSession } from './lib/shell.js';

void requireSession(['auditor', 'supervisor', 'admin']);
