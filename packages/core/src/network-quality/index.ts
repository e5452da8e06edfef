export * from './levels.js';
export * from './measurements.js';
export * from './report.js';
export * from './scoring.js';
