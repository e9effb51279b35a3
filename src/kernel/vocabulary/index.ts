// The words every module shares. Nothing here imports anything from src/ outside the kernel.
export * from './data-category.js';
export * from './freeze-request.js';
export * from './handling-code.js';
export * from './identifier-type.js';
export * from './offence-category.js';
export * from './packet-rejection.js';
export * from './role.js';
export * from './tlp.js';
export * from './protocol-version.js';
