// The page: one module per feature, wired through state.js's events; this file only loads them and starts.
import { start } from './shell.js';
import './runs.js';
import './fitting.js';
import './explore-view.js';
import './plans.js';
import './crosscheck.js';

start();
