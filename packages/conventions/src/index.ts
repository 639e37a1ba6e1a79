export * from './attributes.js';
export * from './values.js';
