/**
 * The stack that creates the state storage. Environments become stacks of their own name, so
 * no environment may take this one.
 */
export const BOOTSTRAP_STACK = 'bootstrap';
